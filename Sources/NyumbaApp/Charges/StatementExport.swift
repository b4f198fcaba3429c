import PDF

/// A statement as a CSV file and as a PDF document.
enum StatementExport {
    /// The statement as CSV: machine column names, descriptions in `say`'s language.
    static func csv(_ statement: Statement, say: Wording) -> [UInt8] {
        var csv = CSVWriter(header: ["date", "description", "charged", "paid_or_credited", "balance", "covered"])
        csv.row([
            .text(statement.from.description), .text(say("statement.brought_forward")), .number(0), .number(0),
            .number(statement.opening), .text(""),
        ])
        for line in statement.lines {
            let description = line.kind == .rent ? say("statement.rent") : line.description
            csv.row([
                .text(line.day.description), .text(description), .number(line.debit), .number(line.credit),
                .number(line.balance), line.isDebit ? .number(line.paid) : .text(""),
            ])
        }
        return csv.bytes
    }

    /// The statement on A4 pages: who and where, the period, then one row per line with the running
    /// balance, and the balance carried.
    static func pdf(_ statement: Statement, lease: LeaseDetails, say: Wording) throws -> [UInt8] {
        let unit = say("ledger.unit_of_property", ["unit": lease.unitLabel, "property": lease.propertyName])
        let document = try PDFDocument(title: say("statement.title") + " · " + unit)
        let (left, right) = (40.0, PDFDocument.pageWidth - 40)
        let columns = (charged: 390.0, paid: 470.0, balance: right)
        var y = 0.0
        func header() {
            document.newPage()
            document.text(say("statement.title"), x: left, y: 50, size: 16, bold: true)
            document.text("\(lease.tenantName), \(unit), \(lease.propertyLocation)", x: left, y: 70)
            let period = say(
                "statement.period_landlord",
                ["from": say.day(statement.from), "to": say.day(statement.to), "landlord": lease.landlordName])
            document.text(period, x: left, y: 85)
            for (title, x) in [
                ("statement.col.charged", columns.charged), ("statement.col.paid", columns.paid),
                ("statement.col.balance", columns.balance),
            ] {
                document.text(say(title), x: x, y: 110, size: 9, bold: true, alignRight: true)
            }
            document.text(say("statement.col.date"), x: left, y: 110, size: 9, bold: true)
            document.text(say("statement.col.description"), x: left + 80, y: 110, size: 9, bold: true)
            document.rule(y: 115, from: left, to: right)
            y = 130
        }
        func row(
            _ date: String, _ text: String, _ charged: String, _ paid: String, _ balance: String, bold: Bool = false
        ) {
            if y > PDFDocument.pageHeight - 50 { header() }
            document.text(date, x: left, y: y, size: 9, bold: bold)
            document.text(String(text.prefix(52)), x: left + 80, y: y, size: 9, bold: bold)
            document.text(charged, x: columns.charged, y: y, size: 9, bold: bold, alignRight: true)
            document.text(paid, x: columns.paid, y: y, size: 9, bold: bold, alignRight: true)
            document.text(balance, x: columns.balance, y: y, size: 9, bold: bold, alignRight: true)
            y += 14
        }
        header()
        row(say.day(statement.from), say("statement.brought_forward"), "", "", say.money(statement.opening))
        for line in statement.lines {
            row(
                say.day(line.day), line.kind == .rent ? say("statement.rent") : line.description,
                line.debit > 0 ? say.money(line.debit) : "", line.credit != 0 ? say.money(line.credit) : "",
                say.money(line.balance))
        }
        document.rule(y: y - 8, from: left, to: right)
        row(say.day(statement.to), say("statement.carried"), "", "", say.balance(statement.closing), bold: true)
        return try document.bytes()
    }
}
