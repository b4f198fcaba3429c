/// The view model of `charges/statement.mustache`: a lease's statement, printable.
struct StatementPage {
    /// One line as shown.
    struct Row {
        let date: String
        let description: String
        let charged: String
        let credited: String
        let balance: String
        /// For what fell due: paid in full, in part or not at all (payments go to the oldest first).
        let status: String?
    }

    let layout: Layout
    let heading: String
    let tenantName: String
    let from: String
    let to: String
    let fromLabel: String
    let toLabel: String
    let opening: String
    let rows: [Row]
    let hasRows: Bool
    let closing: String
    let owes: Bool
    let path: String
    let csvLink: String
    let pdfLink: String

    init(layout: Layout, lease: LeaseDetails, statement: Statement, path: String) {
        self.layout = layout
        heading = "Unit \(lease.unitLabel), \(lease.propertyName)"
        tenantName = lease.tenantName
        from = statement.from.description
        to = statement.to.description
        fromLabel = LedgerText.day(statement.from)
        toLabel = LedgerText.day(statement.to)
        opening = Money.kes(statement.opening)
        rows = statement.lines.map { line in
            Row(
                date: LedgerText.day(line.day), description: line.description,
                charged: line.debit > 0 ? Money.kes(line.debit) : "",
                credited: line.credit != 0 ? Money.kes(line.credit) : "", balance: Money.kes(line.balance),
                status: line.isDebit
                    ? (line.paid >= line.debit
                        ? "paid" : line.paid > 0 ? "part paid (\(Money.kes(line.paid)))" : "unpaid")
                    : nil)
        }
        hasRows = !statement.lines.isEmpty
        closing = LedgerText.balance(statement.closing)
        owes = statement.closing > 0
        self.path = path
        let query = "?from=\(statement.from)&to=\(statement.to)"
        csvLink = "\(path).csv\(query)"
        pdfLink = "\(path).pdf\(query)"
    }
}
