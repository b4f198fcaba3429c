import Foundation
import Web
import XCTest

@testable import NyumbaApp

final class ReminderTests: XCTestCase {
    private func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    private let lease = RentSchedule(
        monthlyRent: 10_000, dueDay: 5, start: CalendarDay(iso: "2026-01-01")!, end: nil)

    func testAManualReminderAsksForWhatIsOwedSinceTheLastDueDay() {
        let figures = ReminderFigures.manual(account(paid: 15_000), today: day("2026-03-10"))
        XCTAssertEqual(figures, ReminderFigures(amountDue: 15_000, dueDate: day("2026-03-05")))
    }

    func testAManualReminderToATenantWhoOwesNothingNamesTheNextRent() {
        let figures = ReminderFigures.manual(account(paid: 30_500), today: day("2026-03-10"))
        XCTAssertEqual(figures, ReminderFigures(amountDue: 9_500, dueDate: day("2026-04-05")))
    }

    func testAnAutomaticReminderBeforeTheDueDayCountsThatMonthsRent() {
        let before = ReminderFigures.automatic(
            account(paid: 20_000), dueDate: day("2026-03-05"), today: day("2026-03-02"))
        XCTAssertEqual(before.amountDue, 10_000)
        let paidAhead = ReminderFigures.automatic(
            account(paid: 30_000), dueDate: day("2026-03-05"), today: day("2026-03-02"))
        XCTAssertEqual(paidAhead.amountDue, 0)
        let after = ReminderFigures.automatic(
            account(paid: 20_000), dueDate: day("2026-03-05"), today: day("2026-04-06"))
        XCTAssertEqual(after.amountDue, 20_000)
    }

    private func account(paid: Int, charged: Int = 0) -> LeaseAccount {
        LeaseAccount(schedule: lease, charged: charged, paid: paid)
    }

    func testARemindersAmountIncludesChargesLessCredits() {
        // Rent due 5 Jan, 5 Feb, 5 Mar = 30,000; a 1,200 water charge and a 200 credit: 31,000 owed.
        let figures = ReminderFigures.manual(account(paid: 25_000, charged: 1_000), today: day("2026-03-10"))
        XCTAssertEqual(figures, ReminderFigures(amountDue: 6_000, dueDate: day("2026-03-05")))
        let ahead = ReminderFigures.automatic(
            account(paid: 20_000, charged: 1_000), dueDate: day("2026-03-05"), today: day("2026-03-02"))
        XCTAssertEqual(ahead.amountDue, 11_000)
    }

    func testTheLastDueDayIsNeverBeforeTheStart() {
        XCTAssertNil(lease.lastDueDate(onOrBefore: day("2026-01-04")))
        XCTAssertEqual(lease.lastDueDate(onOrBefore: day("2026-01-05")), day("2026-01-05"))
        XCTAssertEqual(lease.lastDueDate(onOrBefore: day("2026-03-01")), day("2026-02-05"))
    }

    func testDaysAddAcrossMonthsAndYears() {
        XCTAssertEqual(day("2026-03-02").adding(days: 3), day("2026-03-05"))
        XCTAssertEqual(day("2026-03-02").adding(days: -3), day("2026-02-27"))
        XCTAssertEqual(day("2026-12-30").adding(days: 5), day("2027-01-04"))
    }

    func testSettingsTakeUpToFiveOccasionsInRange() {
        let (_, offsets) = ReminderSettingsForm.read(
            FormData([("occasion1", "+5"), ("occasion2", "-3"), ("occasion3", "0"), ("occasion4", "5")]))
        XCTAssertEqual(offsets, [-3, 0, 5])
        let (typed, refused) = ReminderSettingsForm.read(FormData([("occasion1", "-11"), ("occasion2", "21")]))
        XCTAssertNil(refused)
        XCTAssertNotNil(typed.errors["occasion1"])
        XCTAssertNotNil(typed.errors["occasion2"])
        XCTAssertEqual(ReminderSettingsForm.read(FormData()).1, [])
    }

    func testTheClockIsPinnedOnlyByAValidDate() throws {
        XCTAssertEqual(try ReminderClock(environment: ["NYUMBA_TODAY": "2026-05-05"]).today(), day("2026-05-05"))
        XCTAssertThrowsError(try ReminderClock(environment: ["NYUMBA_TODAY": "2026-02-30"]))
        let clock = try ReminderClock(environment: [:])
        let midnightUTC = 1_780_000_000 / 86_400 * 86_400
        // 04:00 UTC is 07:00 in Nairobi (too early); 05:00 UTC is 08:00.
        XCTAssertNil(clock.today(now: Date(timeIntervalSince1970: TimeInterval(midnightUTC + 4 * 3600))))
        XCTAssertNotNil(clock.today(now: Date(timeIntervalSince1970: TimeInterval(midnightUTC + 5 * 3600))))
    }

    func testMessageSubjectsAreOneLineAndBodiesKeepTheirLines() {
        let (typed, refused) = MessageForm.read(FormData([("subject", "Hi\r\nBcc: x@example.com"), ("text", "Hello")]))
        XCTAssertNil(refused)
        XCTAssertEqual(typed.errors["subject"], Words("form.single_line"))
        let (_, message) = MessageForm.read(FormData([("subject", " Tap "), ("text", "Line one\r\nLine two\n")]))
        XCTAssertEqual(message?.subject, "Tap")
        XCTAssertEqual(message?.text, "Line one\nLine two")
        XCTAssertNil(MessageForm.read(FormData([("subject", "x"), ("text", String(repeating: "z", count: 5_001))])).1)
    }
}
