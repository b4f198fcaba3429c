import PDF

/// A statement as a CSV file and as a PDF document.
enum StatementExport {
    static func csv(_ statement: Statement) -> [UInt8] {
        var csv = CSVWriter(header: ["date", "description", "charged", "paid_or_credited", "balance", "covered"])
        csv.row([
            .text(statement.from.description), .text("Balance brought forward"), .number(0), .number(0),
            .number(statement.opening), .text(""),
        ])
        for line in statement.lines {
            csv.row([
                .text(line.day.description), .text(line.description), .number(line.debit), .number(line.credit),
                .number(line.balance), line.isDebit ? .number(line.paid) : .text(""),
            ])
        }
        return csv.bytes
    }

    /// The statement on A4 pages: who and where, the period, then one row per line with the running
    /// balance, and the balance carried.
    static func pdf(_ statement: Statement, lease: LeaseDetails) throws -> [UInt8] {
        let document = try PDFDocument(title: "Statement, unit \(lease.unitLabel), \(lease.propertyName)")
        let (left, right) = (40.0, PDFDocument.pageWidth - 40)
        let columns = (charged: 390.0, paid: 470.0, balance: right)
        var y = 0.0
        func header() {
            document.newPage()
            document.text("Statement of account", x: left, y: 50, size: 16, bold: true)
            document.text(
                "\(lease.tenantName), unit \(lease.unitLabel), \(lease.propertyName), \(lease.propertyLocation)",
                x: left, y: 70)
            document.text(
                "From \(LedgerText.day(statement.from)) to \(LedgerText.day(statement.to)) · landlord \(lease.landlordName)",
                x: left, y: 85)
            for (title, x) in [
                ("Charged", columns.charged), ("Paid / credit", columns.paid), ("Balance", columns.balance),
            ] {
                document.text(title, x: x, y: 110, size: 9, bold: true, alignRight: true)
            }
            document.text("Date", x: left, y: 110, size: 9, bold: true)
            document.text("Description", x: left + 80, y: 110, size: 9, bold: true)
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
        row(LedgerText.day(statement.from), "Balance brought forward", "", "", Money.kes(statement.opening))
        for line in statement.lines {
            row(
                LedgerText.day(line.day), line.description, line.debit > 0 ? Money.kes(line.debit) : "",
                line.credit != 0 ? Money.kes(line.credit) : "", Money.kes(line.balance))
        }
        document.rule(y: y - 8, from: left, to: right)
        row(LedgerText.day(statement.to), "Balance carried", "", "", LedgerText.balance(statement.closing), bold: true)
        return try document.bytes()
    }
}
