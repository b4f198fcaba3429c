import Web

/// The CSV files of a dashboard: its payments (every page, same filters) and its tenants in arrears.
enum DashboardExports {
    /// The most rows one export holds, so that a request cannot grow the responder without bound.
    static let maxRows = 200_000

    static func payments(_ request: Request, _ context: AppContext, target: DashboardTarget) throws -> Response {
        var csv = CSVWriter(header: [
            "Date (EAT)", "Tenant", "Unit", "Property", "Amount (KES)", "Channel", "M-Pesa receipt", "Reference",
        ])
        var rows = 0
        try DashboardStore(db: context.db).eachPayment(
            landlord: target.landlord, scope: target.scope, filter: target.filter
        ) { lines in
            for line in lines where rows < maxRows {
                rows += 1
                csv.row([
                    .text(NairobiTime.dateTime(line.paidAt)), .text(line.tenantName), .text(line.unitLabel),
                    .text(line.propertyName), .number(line.amount), .text(LedgerText.channel(line)),
                    .text(line.receipt ?? ""), .text(line.reference ?? ""),
                ])
            }
        }
        return file(csv, name: "payments-\(fileLabel(target)).csv")
    }

    static func arrears(_ request: Request, _ context: AppContext, target: DashboardTarget) throws -> Response {
        let lines = try DashboardService(store: DashboardStore(db: context.db), versions: context.versions).arrears(
            landlord: target.landlord, scope: target.filter.scope(within: target.scope), today: target.today,
            limit: nil)
        var csv = CSVWriter(header: [
            "Tenant", "Email", "Unit", "Property", "Monthly rent (KES)", "Balance due (KES)", "As of",
        ])
        for line in lines {
            csv.row([
                .text(line.tenantName), .text(line.tenantEmail), .text(line.unitLabel), .text(line.propertyName),
                .number(line.monthlyRent), .number(line.balance), .text(target.today.description),
            ])
        }
        return file(csv, name: "arrears-\(target.today).csv")
    }

    private static func fileLabel(_ target: DashboardTarget) -> String {
        let period = target.period
        return period.isMonth ? MonthMath.iso(period.from.monthIndex) : "\(period.from)-to-\(period.to)"
    }

    private static func file(_ csv: CSVWriter, name: String) -> Response {
        Response(
            contentType: "text/csv; charset=utf-8", body: csv.bytes,
            headers: [
                ("Content-Disposition", "attachment; filename=\"\(name)\""), ("Cache-Control", "private, no-store"),
            ])
    }
}
