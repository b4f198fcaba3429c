import Web

/// The landlord's dashboard, three ways (all properties, one property, one lease), with CSV exports
/// of its payments and of its tenants in arrears. A tenant, or another landlord's id, gets 404.
enum DashboardRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/dashboard") { request, landlord, context in
            try DashboardPages.page(request, landlord, context) { try target(request, landlord, context, .all, $0) }
        }
        router.landlord("GET", "/landlord/dashboard/properties/:id") { request, landlord, context in
            let scope = DashboardScope.property(try propertyID(request))
            return try DashboardPages.page(request, landlord, context) {
                try target(request, landlord, context, scope, $0)
            }
        }
        router.landlord("GET", "/landlord/dashboard/leases/:id") { request, landlord, context in
            let scope = DashboardScope.lease(try leaseID(request))
            return try DashboardPages.page(request, landlord, context) {
                try target(request, landlord, context, scope, $0)
            }
        }
        router.landlord("GET", "/landlord/dashboard/payments.csv") { request, landlord, context in
            try DashboardExports.payments(request, context, target: try target(request, landlord, context, .all))
        }
        router.landlord("GET", "/landlord/dashboard/arrears.csv") { request, landlord, context in
            try DashboardExports.arrears(request, context, target: try target(request, landlord, context, .all))
        }
        router.landlord("GET", "/landlord/dashboard/properties/:id/payments.csv") {
            request, landlord, context in
            let target = try target(request, landlord, context, .property(try propertyID(request)))
            return try DashboardExports.payments(request, context, target: target)
        }
        router.landlord("GET", "/landlord/dashboard/properties/:id/arrears.csv") {
            request, landlord, context in
            let target = try target(request, landlord, context, .property(try propertyID(request)))
            return try DashboardExports.arrears(request, context, target: target)
        }
        router.landlord("GET", "/landlord/dashboard/leases/:id/payments.csv") {
            request, landlord, context in
            let target = try target(request, landlord, context, .lease(try leaseID(request)))
            return try DashboardExports.payments(request, context, target: target)
        }
    }

    private static func propertyID(_ request: Request) throws -> PropertyID {
        guard let id = PropertyID(segment: request.parameters["id"]) else { throw HTTPError.notFound }
        return id
    }

    private static func leaseID(_ request: Request) throws -> LeaseID {
        guard let id = LeaseID(segment: request.parameters["id"]) else { throw HTTPError.notFound }
        return id
    }

    /// Resolves who and what the request is about; 404 unless the property or lease is the landlord's.
    private static func target(
        _ request: Request, _ landlord: SignedInLandlord, _ context: AppContext, _ scope: DashboardScope,
        _ today: CalendarDay = .nairobi()
    ) throws -> DashboardTarget {
        let period = try DashboardPeriod.read(request.query, today: today)
        let store = DashboardStore(db: context.db)
        let properties = try store.propertyNames(landlord: landlord.id)
        var filter = try PaymentsFilter.read(request.query, period: period, allowsProperty: scope == .all)
        var title = context.say("payments.all_properties")
        var lease: LeaseDetails?
        switch scope {
        case .all:
            if let property = filter.property, !properties.contains(where: { $0.id == property }) {
                throw HTTPError.notFound
            }
        case .property(let id):
            guard let property = properties.first(where: { $0.id == id }) else { throw HTTPError.notFound }
            title = property.name
        case .lease(let id):
            guard let found = try LedgerStore(db: context.db).lease(id, landlord: landlord.id) else {
                throw HTTPError.notFound
            }
            lease = found
            title = context.say(
                "dashboard.lease_title",
                ["tenantName": found.tenantName, "unitLabel": found.unitLabel, "propertyName": found.propertyName])
        }
        filter.property = scope == .all ? filter.property : nil
        return DashboardTarget(
            landlord: landlord.id, scope: scope, today: today, filter: filter, title: title, properties: properties,
            lease: lease)
    }
}

/// What one dashboard request is about, checked to be the landlord's.
struct DashboardTarget {
    let landlord: UserID
    let scope: DashboardScope
    let today: CalendarDay
    let filter: PaymentsFilter
    let title: String
    let properties: [(id: PropertyID, name: String)]
    let lease: LeaseDetails?

    var period: DashboardPeriod { filter.period }

    /// The dashboard's address without a query.
    var path: String {
        switch scope {
        case .all: "/landlord/dashboard"
        case .property(let id): "/landlord/dashboard/properties/\(id)"
        case .lease(let id): "/landlord/dashboard/leases/\(id)"
        }
    }
}
