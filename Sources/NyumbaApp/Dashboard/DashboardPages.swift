import Web

/// Builds a dashboard page: figures (through the cache), one page of payments, the lease's statement.
/// The rendered page is kept in `PageCache` for the landlord's current dashboard generation, so that
/// reading it again costs no query until a payment, a sign-up, a decision or a lease or unit change
/// bumps the generation.
enum DashboardPages {
    /// The page for the target `resolve` reads (and checks) for a day; served from the page cache when
    /// this landlord, address, query, day and layout were rendered at the current generation.
    static func page(
        _ request: Request, _ signedIn: SignedInLandlord, _ context: AppContext,
        target resolve: (CalendarDay) throws -> DashboardTarget
    ) throws -> Response {
        let landlord = signedIn.id
        let today = CalendarDay.nairobi()
        let layout = try context.layout(signedIn)
        let key = "dashboard|\(landlord)|\(request.path)?\(request.query.encoded)|\(today)|\(layout.cacheKey)"
        return try context.cachedPage(key: key, versions: [landlord]) { try html(context, layout, try resolve(today)) }
    }

    private static func html(_ context: AppContext, _ layout: Layout, _ target: DashboardTarget) throws -> String {
        let store = DashboardStore(db: context.db)
        let figures = try DashboardService(store: store, versions: context.versions).figures(
            landlord: target.landlord, scope: target.scope, period: target.period, today: target.today)
        var lines = try store.payments(landlord: target.landlord, scope: target.scope, filter: target.filter)
        let hasNext = lines.count > PaymentsFilter.pageSize
        lines = Array(lines.prefix(PaymentsFilter.pageSize))
        var section: LeaseSection?
        if let lease = target.lease {
            let paid = try store.leaseMonths(lease.id, landlord: target.landlord)
            let charged = try ChargeStore(db: context.db).chargedByMonth(lease: lease.id)
            let statement = LeaseStatement(
                schedule: lease.schedule, paidByMonth: paid, chargedByMonth: charged, today: target.today,
                say: layout.say)
            section = leaseSection(lease, statement, target.today, layout.say)
        }
        let model = makePage(layout, target, figures, lines, hasNext: hasNext, lease: section)
        return context.render(section == nil ? .dashboardIndex : .dashboardLease, model)
    }

    private static func leaseSection(
        _ lease: LeaseDetails, _ statement: LeaseStatement, _ today: CalendarDay, _ say: Wording
    ) -> LeaseSection {
        let balance = lease.balance(asOf: today)
        return LeaseSection(
            id: lease.id.description, tenantName: lease.tenantName, tenantEmail: lease.tenantEmail,
            tenantPhone: lease.tenantPhone, unitLabel: lease.unitLabel, propertyName: lease.propertyName,
            rent: say.money(lease.schedule.monthlyRent), dueDay: say.dayOfMonth(lease.schedule.dueDay),
            startDate: say.day(lease.schedule.start), endedOn: lease.schedule.end.map(say.day),
            balance: say.balance(balance), owes: balance > 0, statement: statement.lines)
    }

    private static func makePage(
        _ layout: Layout, _ target: DashboardTarget, _ figures: DashboardFigures, _ lines: [PaymentLine],
        hasNext: Bool, lease: LeaseSection?
    ) -> DashboardPage {
        let period = target.period
        let say = layout.say
        let filter = target.filter
        let path = target.path
        let more = figures.tenantsInArrears - figures.arrears.count
        var backLink: DashboardPage.Link?
        switch target.scope {
        case .all: backLink = nil
        case .property:
            backLink = DashboardPage.Link(
                href: "/landlord/dashboard?\(period.query)", label: say("payments.all_properties"))
        case .lease:
            let id = target.lease?.propertyID
            backLink = id.map {
                DashboardPage.Link(
                    href: "/landlord/dashboard/properties/\($0)?\(period.query)",
                    label: target.lease?.propertyName ?? "")
            }
        }
        func pageLink(_ number: Int) -> String { "\(path)?\(filter.query)&page=\(number)" }
        func monthLink(_ index: Int) -> DashboardPage.Link {
            var query = "month=\(MonthMath.iso(index))"
            if let channel = filter.channel { query += "&channel=\(channel.rawValue)" }
            if let property = filter.property { query += "&property=\(property)" }
            return DashboardPage.Link(href: "\(path)?\(query)", label: say.month(index))
        }
        return DashboardPage(
            layout: layout, heading: target.title, periodLabel: say.period(period), path: path,
            isAll: target.scope == .all, isLease: lease != nil, backLink: backLink,
            month: MonthMath.iso(period.to.monthIndex), from: period.from.description, to: period.to.description,
            isRange: !period.isMonth,
            previousMonth: period.isMonth ? monthLink(period.from.monthIndex - 1) : nil,
            nextMonth: period.isMonth ? monthLink(period.from.monthIndex + 1) : nil,
            collected: say.money(figures.collected), expected: say.money(figures.expected),
            outstanding: say.money(figures.outstanding), tenantsInArrears: String(figures.tenantsInArrears),
            rate: DashboardText.rate(figures.collected, of: figures.expected),
            occupancy: say(
                "dashboard.occupancy",
                [
                    "occupied": String(figures.occupied), "units": String(figures.units),
                    "rate": DashboardText.rate(figures.occupied, of: figures.units),
                ]),
            chart: DashboardChart(figures.months, say: say),
            arrears: figures.arrears.map {
                DashboardPage.ArrearsRow(
                    tenantName: $0.tenantName, unitLabel: $0.unitLabel, propertyName: $0.propertyName,
                    balance: say.money($0.balance), link: "/landlord/dashboard/leases/\($0.leaseID)?\(period.query)")
            },
            hasArrears: !figures.arrears.isEmpty,
            moreArrears: more > 0 ? say("dashboard.more_arrears", ["count": String(more)]) : nil,
            arrearsCSV: "\(path)/arrears.csv" + (filter.property.map { "?property=\($0)" } ?? ""),
            ageing: zip(["0_30", "31_60", "61_90", "over_90"], figures.arrearsByAge).map {
                DashboardPage.Amount(label: say("dashboard.age.\($0)"), amount: say.money($1))
            },
            deposits: figures.depositsHeld.map {
                DashboardPage.Amount(label: $0.propertyName, amount: say.money($0.amount))
            },
            hasDeposits: !figures.depositsHeld.isEmpty,
            payments: lines.map { paymentItem($0, say) }, hasPayments: !lines.isEmpty, page: filter.page,
            previousPage: filter.page > 1 ? pageLink(filter.page - 1) : nil,
            nextPage: hasNext ? pageLink(filter.page + 1) : nil,
            paymentsCSV: "\(path)/payments.csv?\(filter.query)",
            channels: [
                SelectOption(value: "", label: say("dashboard.all_channels"), selected: filter.channel == nil)
            ]
                + PaymentChannel.allCases.map {
                    SelectOption(
                        value: $0.rawValue, label: say("ledger.channel.\($0.rawValue)"), selected: $0 == filter.channel)
                },
            properties: target.properties.map {
                SelectOption(value: $0.id.description, label: $0.name, selected: $0.id == filter.property)
            },
            propertyLinks: target.scope == .all
                ? target.properties.map {
                    DashboardPage.Link(href: "/landlord/dashboard/properties/\($0.id)?\(period.query)", label: $0.name)
                } : [],
            hasPropertyLinks: target.scope == .all && !target.properties.isEmpty, lease: lease)
    }

    private static func paymentItem(_ line: PaymentLine, _ say: Wording) -> DashboardPage.PaymentItem {
        DashboardPage.PaymentItem(
            date: say.when(line), tenantName: line.tenantName, unitLabel: line.unitLabel,
            propertyName: line.propertyName, amount: say.money(line.amount), proof: LedgerText.proof(line),
            channel: say.channel(line), receiptLink: "/landlord/payments/\(line.id)/receipt",
            leaseLink: "/landlord/dashboard/leases/\(line.leaseID)")
    }
}
