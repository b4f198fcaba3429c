import Foundation
import Web

/// A landlord's lease: its ledger, recording a cash or bank payment, and ending it.
enum LeaseRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/leases/:id") { request, landlord, context in
            let lease = try lookUpLease(request, landlord, context)
            return try leasePage(lease, landlord, context, notice: notice(request, context))
        }
        router.landlord("GET", "/landlord/properties/:id/units/:unitId/lease") {
            request, landlord, context in
            guard let property = PropertyID(segment: request.parameters["id"]),
                let unit = UnitID(segment: request.parameters["unitId"]),
                let lease = try LedgerStore(db: context.db).openLease(
                    unit: unit, property: property, landlord: landlord.id)
            else { throw HTTPError.notFound }
            return .redirect(to: "/landlord/leases/\(lease)")
        }
        router.landlord("GET", "/landlord/leases/:id/payments/new") { request, landlord, context in
            let lease = try lookUpLease(request, landlord, context)
            return try manualPaymentPage(lease, ManualPaymentForm(), landlord, context)
        }
        router.landlord("POST", "/landlord/leases/:id/payments/new", recordManualPayment)
        router.landlord("POST", "/landlord/leases/:id/end", endLease)
    }

    /// Fixed messages after a redirect; never text taken from the address.
    private static func notice(_ request: Request, _ context: AppContext) -> String? {
        guard let done = request.query["done"], ["recorded", "ended"].contains(done) else { return nil }
        return context.say("lease.done.\(done)")
    }

    /// The lease of the route's `:id`, if it is this landlord's; otherwise 404.
    static func lookUpLease(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> LeaseDetails
    {
        guard let id = LeaseID(segment: request.parameters["id"]),
            let lease = try LedgerStore(db: context.db).lease(id, landlord: landlord.id)
        else { throw HTTPError.notFound }
        return lease
    }

    private static func leasePage(
        _ lease: LeaseDetails, _ landlord: SignedInLandlord, _ context: AppContext, notice: String? = nil,
        endForm: EndLeaseForm? = nil, status: Int = 200
    ) throws -> Response {
        let payments = try LedgerStore(db: context.db).payments(lease: lease.id, landlord: lease.landlordID)
        let layout = try context.layout(landlord, notice: notice)
        let page = LeasePage(
            layout: layout, lease: lease, payments: payments, today: .nairobi(), endForm: endForm)
        return context.page(.ledgerLease, page, status: status)
    }

    private static func manualPaymentPage(
        _ lease: LeaseDetails, _ form: ManualPaymentForm, _ landlord: SignedInLandlord, _ context: AppContext,
        status: Int = 200
    ) throws -> Response {
        let layout = try context.layout(landlord)
        return context.page(
            .ledgerManualPayment, ManualPaymentPage(layout: layout, lease: lease, form: form, today: .nairobi()),
            status: status)
    }

    private static func recordManualPayment(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext)
        throws -> Response
    {
        let lease = try lookUpLease(request, landlord, context)
        let today = CalendarDay.nairobi()
        let (typed, value) = ManualPaymentForm.read(try request.form(), leaseStart: lease.schedule.start, today: today)
        guard let value else { return try manualPaymentPage(lease, typed, landlord, context, status: 400) }
        _ = try ManualPayments(context: context).record(value, lease: lease, today: today, key: typed.key)
        return .redirect(to: "/landlord/leases/\(lease.id)?done=recorded")
    }

    /// A manual payment on an earlier day is placed at noon in Nairobi that day (a day has
    /// no time); one made today keeps the current time, so it sorts after today's others.
    static func paidAt(_ day: CalendarDay, today: CalendarDay, now: Date = Date()) -> Date {
        day == today ? now : day.utcMidnight.addingTimeInterval(9 * 3600)
    }

    private static func endLease(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let lease = try lookUpLease(request, landlord, context)
        func alreadyEnded() throws -> Response {
            try leasePage(
                lease, landlord, context, notice: context.say("lease.already_ended"), status: 409)
        }
        // An ended lease is refused (409) before the form is read, whatever it holds.
        guard lease.isOpen else { return try alreadyEnded() }
        switch try LeaseEnding(context: context).end(lease, form: try request.form(), today: .nairobi()) {
        case .alreadyEnded: return try alreadyEnded()
        case .invalid(let typed): return try leasePage(lease, landlord, context, endForm: typed, status: 400)
        case .ended: return .redirect(to: "/landlord/leases/\(lease.id)?done=ended")
        }
    }
}
