import Web

/// The approved tenant's home: their own lease only. The rendered page is cached for the data
/// versions of the tenant's landlords, which every payment, approval and lease or unit change bumps.
enum TenantHomeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.tenant("GET", "/tenant") { _, tenant, context in
            let today = CalendarDay.nairobi()
            let layout = try context.layout(tenant)
            func render() throws -> String {
                // Open leases come first.
                let leases = try LedgerStore(db: context.db).leases(tenant: tenant.id)
                let ledger = try TenantLedgerView.load(
                    tenant: tenant.id, leases: leases, db: context.db, today: today, say: layout.say)
                let open = leases.first(where: \.isOpen)
                var lease = open.map { TenantHomePage.Lease($0, say: layout.say) }
                if let open {
                    lease?.paybill = try PaybillInstructions(db: context.db, config: context.config)
                        .words(lease: open.id, landlord: open.landlordID, say: context.say)
                }
                return context.render(
                    .tenancyHome, TenantHomePage(layout: layout, lease: lease, ledger: ledger))
            }
            let key = "tenant-home|\(tenant.id)|\(today)|\(layout.cacheKey)"
            return try context.cachedPage(key: key, versions: tenant.user.leaseLandlords, render: render)
        }
    }
}

/// The view model of `tenancy/home.mustache`.
struct TenantHomePage {
    /// The tenant's lease as shown.
    struct Lease {
        let unitLabel: String
        let propertyName: String
        let propertyLocation: String
        let monthlyRent: String
        let dueDay: String
        let startDate: String
        /// "Paybill 123456, Account no. KBC7A1", when the landlord is paid through a paybill.
        var paybill: String? = nil

        init(_ lease: LeaseDetails, say: Wording) {
            unitLabel = lease.unitLabel
            propertyName = lease.propertyName
            propertyLocation = lease.propertyLocation
            monthlyRent = say.money(lease.schedule.monthlyRent)
            dueDay = say.dayOfMonth(lease.schedule.dueDay)
            startDate = say.day(lease.schedule.start)
        }
    }

    let layout: Layout
    let lease: Lease?
    /// Balance, next due date and the tenant's own payments.
    let ledger: TenantLedgerView
}

/// `1` → `1st`, `22` → `22nd`.
enum Ordinal {
    static func dayOfMonth(_ day: Int) -> String {
        let suffix: String
        switch (day % 10, day % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(day)\(suffix)"
    }
}
