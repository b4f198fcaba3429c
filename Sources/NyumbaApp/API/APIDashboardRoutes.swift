import Web

/// The dashboard's figures, for all properties, one property (`property_id`) or one lease
/// (`lease_id`), over a month (`month=YYYY-MM`) or a range (`from`, `to`); and the pages' CSV
/// files of its payments (optionally of one `channel`) and of its tenants in arrears.
enum APIDashboardRoutes {
    /// The figures of one dashboard.
    struct Figures: Encodable {
        let from: String
        let to: String
        let collected: Int
        let expected: Int
        let outstanding: Int
        let tenantsInArrears: Int
        /// Collected as a whole percentage of expected; null when nothing was expected.
        let collectionRate: Int?
        let units: Int
        let occupied: Int
        let months: [Month]
        let arrears: [Arrears]
        /// Outstanding by age: 0–30, 31–60, 61–90 and over 90 days.
        let arrearsByAge: [Int]
        let depositsHeld: [Deposit]

        private enum CodingKeys: String, CodingKey {
            case from, to, collected, expected, outstanding, tenantsInArrears, collectionRate, units, occupied
            case months, arrears, arrearsByAge, depositsHeld
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(collected, forKey: .collected)
            try c.encode(expected, forKey: .expected)
            try c.encode(outstanding, forKey: .outstanding)
            try c.encode(tenantsInArrears, forKey: .tenantsInArrears)
            try c.encode(collectionRate, forKey: .collectionRate)
            try c.encode(units, forKey: .units)
            try c.encode(occupied, forKey: .occupied)
            try c.encode(months, forKey: .months)
            try c.encode(arrears, forKey: .arrears)
            try c.encode(arrearsByAge, forKey: .arrearsByAge)
            try c.encode(depositsHeld, forKey: .depositsHeld)
        }
    }

    /// Deposits held (paid, not yet settled) in one property: not income.
    struct Deposit: Encodable {
        let propertyId: Int64
        let propertyName: String
        let amount: Int
    }

    /// Collected and expected in one month of the 12-month chart.
    struct Month: Encodable {
        let month: String
        let collected: Int
        let expected: Int
    }

    /// A tenant with a balance due.
    struct Arrears: Encodable {
        let leaseId: Int64
        let tenantName: String
        let unitLabel: String
        let propertyName: String
        let monthlyRent: Int
        let balance: Int
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/dashboard/payments.csv", access: .landlord) { request, caller, context in
            try export(request, caller, context, DashboardExports.payments)
        }
        router.api("GET", "/landlord/dashboard/arrears.csv", access: .landlord) { request, caller, context in
            try export(request, caller, context, DashboardExports.arrears)
        }
        router.api("GET", "/landlord/dashboard", access: .landlord) { request, caller, context in
            let landlord = try caller.landlord()
            let today = CalendarDay.nairobi()
            let period = try period(request.query, today: today)
            let scope = try scope(request.query, landlord: landlord, context)
            let figures = try DashboardService(store: DashboardStore(db: context.db), versions: context.versions)
                .figures(
                    landlord: landlord, scope: scope, period: period, today: today)
            return APIJSON.response(
                Figures(
                    from: period.from.description, to: period.to.description, collected: figures.collected,
                    expected: figures.expected, outstanding: figures.outstanding,
                    tenantsInArrears: figures.tenantsInArrears,
                    collectionRate: figures.expected > 0 ? figures.collected * 100 / figures.expected : nil,
                    units: figures.units, occupied: figures.occupied,
                    months: figures.months.map {
                        Month(month: MonthMath.iso($0.month), collected: $0.collected, expected: $0.expected)
                    },
                    arrears: figures.arrears.map {
                        Arrears(
                            leaseId: $0.leaseID, tenantName: $0.tenantName, unitLabel: $0.unitLabel,
                            propertyName: $0.propertyName, monthlyRent: $0.monthlyRent, balance: $0.balance)
                    }, arrearsByAge: figures.arrearsByAge,
                    depositsHeld: figures.depositsHeld.map {
                        Deposit(propertyId: $0.propertyID, propertyName: $0.propertyName, amount: $0.amount)
                    }))
        }
    }

    /// `month=YYYY-MM` or `from`/`to`; 400 on the field at fault.
    private static func period(_ query: FormData, today: CalendarDay) throws -> DashboardPeriod {
        do {
            return try DashboardPeriod.read(query, today: today)
        } catch {
            throw APIError.validation([query["month"] != nil ? "month" : "from": Words(error.code, error.values)])
        }
    }

    /// The CSV files of the dashboard pages, for the same scope, period and channel.
    private static func export(
        _ request: Request, _ caller: APICaller, _ context: AppContext,
        _ write: (Request, AppContext, DashboardTarget) throws -> Response
    ) throws -> Response {
        let landlord = try caller.landlord()
        let today = CalendarDay.nairobi()
        let period = try period(request.query, today: today)
        var channel: PaymentChannel?
        if let text = request.query["channel"] {
            guard let value = PaymentChannel(rawValue: text) else {
                throw APIError.validation(["channel": Words("api.error.channel")])
            }
            channel = value
        }
        let scope = try scope(request.query, landlord: landlord, context)
        var lease: LeaseDetails?
        if case .lease(let id) = scope { lease = try LedgerStore(db: context.db).lease(id, landlord: landlord) }
        let target = DashboardTarget(
            landlord: landlord, scope: scope, today: today,
            filter: PaymentsFilter(period: period, channel: channel, property: nil, page: 1), title: "",
            properties: [], lease: lease)
        return try write(request, context, target)
    }

    /// The scope asked for; 404 unless the property or lease is the landlord's.
    private static func scope(_ query: FormData, landlord: UserID, _ context: AppContext) throws -> DashboardScope {
        let store = DashboardStore(db: context.db)
        if let text = query["lease_id"] {
            guard let id = LeaseID(segment: text), try LedgerStore(db: context.db).lease(id, landlord: landlord) != nil
            else {
                throw APIError.notFound
            }
            return .lease(id)
        }
        if let text = query["property_id"] {
            guard let id = PropertyID(segment: text),
                try store.propertyNames(landlord: landlord).contains(where: { $0.id == id })
            else { throw APIError.notFound }
            return .property(id)
        }
        return .all
    }
}
