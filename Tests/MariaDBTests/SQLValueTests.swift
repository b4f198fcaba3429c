import Foundation
import MariaDB
import XCTest

final class SQLValueTests: XCTestCase {
    func testBindableConversions() {
        let optional: String? = nil
        XCTAssertEqual(5.sqlValue, .int(5))
        XCTAssertEqual(true.sqlValue, .int(1))
        XCTAssertEqual("x".sqlValue, .text("x"))
        XCTAssertEqual([UInt8]([1, 2]).sqlValue, .bytes([1, 2]))
        XCTAssertEqual(optional.sqlValue, .null)
        XCTAssertEqual(Optional(2.5).sqlValue, .double(2.5))
        let literals: [SQLValue] = [nil, 1, 2.5, "a", true]
        XCTAssertEqual(literals, [.null, .int(1), .double(2.5), .text("a"), .int(1)])
    }

    func testDateTimeFormatAndParseInUTC() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        XCTAssertEqual(SQLDateTime.format(date), "2023-11-14 22:13:20.123456")
        let parsed = try XCTUnwrap(SQLDateTime.parse("2023-11-14 22:13:20.123456"))
        XCTAssertEqual(parsed.timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 1e-6)
        XCTAssertEqual(SQLDateTime.parse("1970-01-01")?.timeIntervalSince1970, 0)
        XCTAssertEqual(SQLDateTime.parse("2024-02-29 23:59:59")?.timeIntervalSince1970, 1_709_251_199)
        XCTAssertEqual(SQLDateTime.format(Date(timeIntervalSince1970: -1.5)), "1969-12-31 23:59:58.500000")
        XCTAssertNil(SQLDateTime.parse("2024-13-01"))
        XCTAssertNil(SQLDateTime.parse("yesterday"))
    }
}
