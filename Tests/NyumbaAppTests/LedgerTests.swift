import Foundation
import XCTest

@testable import NyumbaApp

final class LedgerTests: XCTestCase {
    private func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    private func schedule(start: String, dueDay: Int, end: String? = nil, rent: Int = 10_000) -> RentSchedule {
        RentSchedule(monthlyRent: rent, dueDay: dueDay, start: day(start), end: end.map(day))
    }

    func testEachDueDayFromTheStartIsCharged() {
        let lease = schedule(start: "2025-01-01", dueDay: 1)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-01-01")), 10_000)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-03-31")), 30_000)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-04-01")), 40_000)
        XCTAssertEqual(lease.rentDue(asOf: day("2026-01-01")), 130_000)
    }

    func testNothingIsDueBeforeTheStart() {
        let lease = schedule(start: "2025-06-10", dueDay: 5)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-05-20")), 0)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-06-10")), 0)
    }

    func testAStartMidMonthWaitsForTheNextDueDay() {
        let lease = schedule(start: "2025-03-15", dueDay: 1)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-03-31")), 0)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-04-01")), 10_000)
        let sameMonth = schedule(start: "2025-03-15", dueDay: 20)
        XCTAssertEqual(sameMonth.rentDue(asOf: day("2025-03-20")), 10_000)
        XCTAssertEqual(sameMonth.rentDue(asOf: day("2025-04-19")), 10_000)
    }

    func testADueDayNotYetReachedThisMonthIsNotCharged() {
        let lease = schedule(start: "2025-01-28", dueDay: 28)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-05-27")), 40_000)
        XCTAssertEqual(lease.rentDue(asOf: day("2025-05-28")), 50_000)
    }

    func testDueDaysFromOneToTwentyEightWorkInFebruary() {
        for dueDay in 1...28 {
            let lease = schedule(start: "2024-01-01", dueDay: dueDay, rent: 1)
            XCTAssertEqual(lease.rentDue(asOf: day("2024-02-29")), 2, "due day \(dueDay)")
            XCTAssertEqual(lease.rentDue(asOf: day("2025-02-28")), 14, "due day \(dueDay)")
        }
    }

    func testAnEndedLeaseStopsChargingAtItsEndDate() {
        let lease = schedule(start: "2025-01-01", dueDay: 5, end: "2025-04-05")
        // Due on 5 Jan, 5 Feb, 5 Mar; the tenant left on 5 Apr, so April is not charged.
        XCTAssertEqual(lease.rentDue(asOf: day("2025-12-31")), 30_000)
        let later = schedule(start: "2025-01-01", dueDay: 5, end: "2025-04-06")
        XCTAssertEqual(later.rentDue(asOf: day("2025-12-31")), 40_000)
        XCTAssertEqual(later.rentDue(asOf: day("2025-02-10")), 20_000)
        XCTAssertEqual(schedule(start: "2025-01-10", dueDay: 5, end: "2025-01-10").rentDue(asOf: day("2026-01-01")), 0)
    }

    func testTheNextDueDate() {
        let lease = schedule(start: "2025-03-15", dueDay: 1)
        XCTAssertEqual(lease.nextDueDate(after: day("2025-03-20")), day("2025-04-01"))
        XCTAssertEqual(lease.nextDueDate(after: day("2025-04-01")), day("2025-05-01"))
        XCTAssertEqual(lease.nextDueDate(after: day("2025-12-02")), day("2026-01-01"))
        XCTAssertEqual(
            schedule(start: "2025-08-10", dueDay: 5).nextDueDate(after: day("2025-07-01")), day("2025-09-05"))
        XCTAssertNil(schedule(start: "2025-01-01", dueDay: 5, end: "2025-04-05").nextDueDate(after: day("2025-03-06")))
    }

    func testCalendarDaysReadDatesAndColumns() {
        XCTAssertNil(CalendarDay(iso: "2025-02-29"))
        XCTAssertEqual(day("2025-03-09").description, "2025-03-09")
        XCTAssertEqual(CalendarDay(utcMidnight: day("2024-02-29").utcMidnight), day("2024-02-29"))
        // 21:30 UTC on 31 Dec is already 1 Jan in Nairobi.
        let lateUTC = Date(timeIntervalSince1970: 1_767_216_600)
        XCTAssertEqual(CalendarDay.nairobi(lateUTC), day("2026-01-01"))
    }

    func testChannelLabels() {
        XCTAssertEqual(PaymentChannel.manual.label, "Manual")
        XCTAssertEqual(PaymentChannel(rawValue: "stk"), .stk)
    }
}
