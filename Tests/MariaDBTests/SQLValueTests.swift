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

    func testIntegersByPositionReadAsByName() throws {
        let row = Row(
            columns: ColumnNames(["id", "total", "missing", "name"]),
            values: [.int(7), .text("12.00"), .null, .text("x")])
        XCTAssertEqual(try row.int64(at: 0), 7)
        XCTAssertEqual(try row.int64(at: 1), 12, "a whole DECIMAL, as int64(_:) reads it")
        XCTAssertNil(try row.optionalInt64(at: 2))
        XCTAssertEqual(try row.optionalInt64(at: 0), 7)
        XCTAssertThrowsError(try row.int64(at: 2), "NULL is not an integer")
        XCTAssertThrowsError(try row.int64(at: 3), "text is not an integer")
        XCTAssertThrowsError(try row.int64(at: 9), "no such column")
        XCTAssertThrowsError(try row.optionalInt64(at: 9), "no such column")
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
