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
        let say = layout.say
        heading = say("ledger.unit_of_property", ["unit": lease.unitLabel, "property": lease.propertyName])
        tenantName = lease.tenantName
        from = statement.from.description
        to = statement.to.description
        fromLabel = say.day(statement.from)
        toLabel = say.day(statement.to)
        opening = say.money(statement.opening)
        rows = statement.lines.map { line in
            Row(
                date: say.day(line.day), description: line.kind == .rent ? say("statement.rent") : line.description,
                charged: line.debit > 0 ? say.money(line.debit) : "",
                credited: line.credit != 0 ? say.money(line.credit) : "", balance: say.money(line.balance),
                status: line.isDebit
                    ? (line.paid >= line.debit
                        ? say("statement.paid")
                        : line.paid > 0
                            ? say("statement.part_paid", ["amount": say.money(line.paid)]) : say("statement.unpaid"))
                    : nil)
        }
        hasRows = !statement.lines.isEmpty
        closing = say.balance(statement.closing)
        owes = statement.closing > 0
        self.path = path
        let query = "?from=\(statement.from)&to=\(statement.to)"
        csvLink = "\(path).csv\(query)"
        pdfLink = "\(path).pdf\(query)"
    }
}
