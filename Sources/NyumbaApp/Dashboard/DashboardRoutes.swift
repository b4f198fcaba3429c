import Web

/// The landlord's dashboard, three ways (all properties, one property, one lease), with CSV exports
/// of its payments and of its tenants in arrears. A tenant, or another landlord's id, gets 404.
enum DashboardRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/landlord/dashboard", access: .landlord) { request, session, context in
            try DashboardPages.page(request, session, context) { try target(request, session, context, .all, $0) }
        }
        router.page("GET", "/landlord/dashboard/properties/:id", access: .landlord) { request, session, context in
            let scope = DashboardScope.property(try propertyID(request))
            return try DashboardPages.page(request, session, context) {
                try target(request, session, context, scope, $0)
            }
        }
        router.page("GET", "/landlord/dashboard/leases/:id", access: .landlord) { request, session, context in
            let scope = DashboardScope.lease(try leaseID(request))
            return try DashboardPages.page(request, session, context) {
                try target(request, session, context, scope, $0)
            }
        }
        router.page("GET", "/landlord/dashboard/payments.csv", access: .landlord) { request, session, context in
            try DashboardExports.payments(request, context, target: try target(request, session, context, .all))
        }
        router.page("GET", "/landlord/dashboard/arrears.csv", access: .landlord) { request, session, context in
            try DashboardExports.arrears(request, context, target: try target(request, session, context, .all))
        }
        router.page("GET", "/landlord/dashboard/properties/:id/payments.csv", access: .landlord) {
            request, session, context in
            let target = try target(request, session, context, .property(try propertyID(request)))
            return try DashboardExports.payments(request, context, target: target)
        }
        router.page("GET", "/landlord/dashboard/properties/:id/arrears.csv", access: .landlord) {
            request, session, context in
            let target = try target(request, session, context, .property(try propertyID(request)))
            return try DashboardExports.arrears(request, context, target: target)
        }
        router.page("GET", "/landlord/dashboard/leases/:id/payments.csv", access: .landlord) {
            request, session, context in
            let target = try target(request, session, context, .lease(try leaseID(request)))
            return try DashboardExports.payments(request, context, target: target)
        }
    }

    /// The templates the dashboard needs; start-up fails if one is missing.
    static let templates = [
        "dashboard/index", "dashboard/lease", "dashboard/figures", "dashboard/payments", "dashboard/period",
    ]

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
        _ request: Request, _ session: RequestSession, _ context: AppContext, _ scope: DashboardScope,
        _ today: CalendarDay = .nairobi()
    ) throws -> DashboardTarget {
        let landlord = try PropertyRoutes.landlordID(session)
        let period = try DashboardPeriod.read(request.query, today: today)
        let store = DashboardStore(db: context.db)
        let properties = try store.propertyNames(landlord: landlord)
        var filter = try PaymentsFilter.read(request.query, period: period, allowsProperty: scope == .all)
        var title = "All properties"
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
            guard let found = try LedgerStore(db: context.db).lease(id, landlord: landlord) else {
                throw HTTPError.notFound
            }
            lease = found
            title = "\(found.tenantName) · Unit \(found.unitLabel), \(found.propertyName)"
        }
        filter.property = scope == .all ? filter.property : nil
        return DashboardTarget(
            landlord: landlord, scope: scope, today: today, filter: filter, title: title, properties: properties,
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
