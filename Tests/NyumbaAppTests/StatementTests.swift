import Foundation
import XCTest

@testable import NyumbaApp

/// A lease's statement: every line with its running balance, payments set against the oldest items
/// first, the closing balance equal to the account's; as a page, a CSV and a PDF that opens; the
/// tenant's own, the landlord's any of theirs, nobody else's.
final class StatementTests: XCTestCase {
    private func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    private func charge(_ id: Int64, _ kind: ChargeKind, _ amount: Int, _ text: String, reverses: Int64? = nil)
        throws -> ChargeLine
    {
        // Built through the row reader, as the store reads them.
        ChargeLine(
            id: ChargeID(id), kind: kind, amount: amount, dueOn: day(text), description: kind.label,
            reason: kind == .credit ? "Waived" : nil, reverses: reverses.map(ChargeID.init))
    }

    func testLinesBalancesAndOldestFirstAllocationOnPinnedDays() throws {
        let schedule = RentSchedule(monthlyRent: 10_000, dueDay: 5, start: day("2026-01-01"), end: nil)
        let charges = [
            try charge(1, .deposit, 20_000, "2026-01-01"), try charge(2, .utility, 1_350, "2026-01-31"),
            try charge(3, .lateFee, 1_000, "2026-02-10"), try charge(4, .credit, -1_000, "2026-02-12", reverses: 3),
        ]
        let payments = [("2026-01-03", 25_000), ("2026-02-06", 8_000), ("2026-03-20", 5_000)].map {
            Statement.Payment(day: day($0.0), amount: $0.1, description: "Payment")
        }
        let statement = Statement(
            schedule: schedule, charges: charges, payments: payments, from: day("2026-02-01"), to: day("2026-03-31"))
        // The account's own formula agrees on the closing balance.
        let account = LeaseAccount(schedule: schedule, charged: 21_350, paid: 38_000)
        XCTAssertEqual(statement.closing, account.balance(asOf: day("2026-03-31")))
        XCTAssertEqual(statement.closing, 30_000 + 21_350 - 38_000)
        // Brought forward: deposit, January's rent and water, less the first payment.
        XCTAssertEqual(statement.opening, 20_000 + 10_000 + 1_350 - 25_000)
        var running = statement.opening
        for line in statement.lines {
            running += line.debit - line.credit
            XCTAssertEqual(line.balance, running, line.description)
        }
        XCTAssertEqual(
            statement.lines.map { "\($0.day) \($0.description) \($0.debit) \($0.credit)" },
            [
                "2026-02-05 Rent 10000 0", "2026-02-06 Payment 0 8000", "2026-02-10 Late fee 1000 0",
                "2026-02-12 Credit (Waived) 0 1000", "2026-03-05 Rent 10000 0", "2026-03-20 Payment 0 5000",
            ])
        // 38,000 paid: the deposit, January's rent and water, then 6,650 of February's rent; the credit
        // covers the late fee it reverses; March's rent is unpaid.
        let paid = statement.lines.filter(\.isDebit).map { "\($0.day) \($0.paid)" }
        XCTAssertEqual(paid, ["2026-02-05 6650", "2026-02-10 1000", "2026-03-05 0"])
        let whole = Statement(
            schedule: schedule, charges: charges, payments: payments, from: day("2025-12-01"), to: day("2026-03-31"))
        XCTAssertEqual(whole.opening, 0)
        XCTAssertEqual(whole.lines.filter(\.isDebit).prefix(3).map(\.paid), [20_000, 10_000, 1_350])
    }

    func testDueDatesAreTheDaysTheRentScheduleCounts() {
        // Every start day of a month, due days 1 and 28, through February, the 31st and New Year.
        var days: [CalendarDay] = []
        var current = day("2027-12-01")
        while current <= day("2028-03-31") {
            days.append(current)
            current = current.adding(days: 1)
        }
        for dueDay in [1, 5, 28] {
            for startDay in [1, 5, 28, 29, 31] {
                let schedule = RentSchedule(
                    monthlyRent: 1, dueDay: dueDay, start: CalendarDay(2027, 12, startDay), end: day("2028-02-29"))
                for today in days {
                    XCTAssertEqual(
                        schedule.dueDates(through: today).count, schedule.rentDue(asOf: today),
                        "due \(dueDay), start \(schedule.start), on \(today)")
                }
            }
        }
    }
}

/// The statement through the app: page, CSV and PDF, and who may see it.
final class StatementPagesTests: XCTestCase {
    private var app: AppHarness!

    override func tearDown() { app = nil }

    func testTheStatementAsAPageACSVAndAPDFForItsTenantAndLandlordOnly() throws {
        app = try AppHarness()
        let landlord = try app.signUpLandlord()
        let place = try app.addProperty(landlord)
        let today = CalendarDay.nairobi()
        let start = today.adding(days: -75)
        let tenant = try app.approve(
            try app.signUpTenant(to: place, name: "Akinyi Otieno"), by: landlord, place: place, start: start)
        let id = try XCTUnwrap(tenant.leaseID)
        let form = "/landlord/leases/\(id)/charges"
        XCTAssertEqual(
            try landlord.browser.post(
                form, from: form,
                [
                    "kind": "one_off", "amount": "1200", "date": today.description, "description": "Door lock",
                    "reason": "",
                ]
            ).status, 303)
        try app.recordManualPayment(7_000, lease: id, by: landlord)
        let balance = try LedgerStore(db: app.db).balance(lease: LeaseID(Int64(id)))

        for (browser, base) in [
            (landlord.browser, "/landlord/leases/\(id)/statement"), (tenant.browser, "/tenant/leases/\(id)/statement"),
        ] {
            let page = browser.get(base)
            XCTAssertEqual(page.status, 200, base)
            XCTAssertTrue(page.text.contains("Door lock"))
            XCTAssertTrue(page.text.contains(app.app.views.wording(.english).balance(balance)), base)
            let csv = browser.get("\(base).csv")
            XCTAssertEqual(csv.status, 200)
            XCTAssertEqual(csv.header("Content-Type"), "text/csv; charset=utf-8")
            let rows = csv.text.split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            XCTAssertEqual(rows.last.map { String($0[4]) }, String(balance), "the last running balance")
            let debits = rows.dropFirst(2).compactMap { Int($0[2]) }.reduce(0, +)
            let credits = rows.dropFirst(2).compactMap { Int($0[3]) }.reduce(0, +)
            XCTAssertEqual(debits - credits, balance, "from the lease's start: nothing brought forward")
            let pdf = browser.get("\(base).pdf")
            XCTAssertEqual(pdf.status, 200)
            XCTAssertEqual(pdf.header("Content-Type"), "application/pdf")
            let text = try pdfText(pdf.body)
            XCTAssertTrue(text.contains("Statement of account"), text)
            XCTAssertTrue(text.contains("Akinyi Otieno"))
            XCTAssertTrue(text.contains("Door lock"))
            XCTAssertTrue(text.contains(app.app.views.wording(.english).balance(balance)), text)
        }
        // A chosen period; bad dates are refused with a clear word.
        let recent = tenant.browser.get("/tenant/leases/\(id)/statement.csv?from=\(today)&to=\(today)")
        XCTAssertEqual(recent.status, 200)
        XCTAssertTrue(recent.text.contains("Door lock"))
        XCTAssertTrue(recent.text.contains("Balance brought forward"))
        XCTAssertEqual(tenant.browser.get("/tenant/leases/\(id)/statement?from=2026-02-30").status, 400)
        XCTAssertEqual(
            tenant.browser.get("/tenant/leases/\(id)/statement?from=\(today)&to=\(today.adding(days: -1))").status, 400)
        // Another tenant or landlord: 404 (AccessRulesTests covers every actor for every route).
        let other = try app.signUpLandlord("Other Landlord")
        XCTAssertEqual(other.browser.get("/landlord/leases/\(id)/statement.pdf").status, 404)
        let otherPlace = try app.addProperty(other, name: "Other Court")
        let stranger = try app.approve(
            try app.signUpTenant(to: otherPlace), by: other, place: otherPlace, start: start)
        XCTAssertEqual(stranger.browser.get("/tenant/leases/\(id)/statement.pdf").status, 404)
        XCTAssertEqual(stranger.browser.get("/tenant/leases/\(id)/statement").status, 404)
    }

    private func pdfText(_ bytes: [UInt8]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext (poppler-utils) is not installed")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
