import Foundation
import MariaDB
import XCTest

final class BindingTests: DatabaseTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try db.execute(
            """
            CREATE TABLE things (
                id BIGINT AUTO_INCREMENT PRIMARY KEY,
                small TINYINT UNSIGNED, big BIGINT UNSIGNED, amount DECIMAL(12, 2), ratio DOUBLE,
                name VARCHAR(100), note MEDIUMTEXT, data LONGBLOB, fixed BINARY(4), flag BOOLEAN,
                at DATETIME(6), day DATE
            )
            """)
    }

    func testEachTypeRoundTrips() throws {
        let at = Date(timeIntervalSince1970: 1_700_000_000.25)
        let inserted = try db.execute(
            "INSERT INTO things (small, big, amount, ratio, name, note, data, fixed, flag, at, day) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            200, Int64.max, "1234.50", 0.125, "Wanjiru", "note", [UInt8]([0, 1, 255]), [UInt8]([1, 2, 3, 4]),
            true, at, "2024-02-29")
        XCTAssertEqual(inserted.affectedRows, 1)
        XCTAssertGreaterThan(inserted.lastInsertID, 0)

        let row = try XCTUnwrap(try db.queryOne("SELECT * FROM things WHERE id = ?", inserted.lastInsertID))
        XCTAssertEqual(try row.int("small"), 200)
        XCTAssertEqual(try row.int64("big"), Int64.max)
        XCTAssertEqual(try row.string("amount"), "1234.50")
        XCTAssertEqual(try row.double("amount"), 1234.5)
        XCTAssertEqual(try row.double("ratio"), 0.125)
        XCTAssertEqual(try row.string("name"), "Wanjiru")
        XCTAssertEqual(try row.string("note"), "note")
        XCTAssertEqual(try row.bytes("data"), [0, 1, 255])
        XCTAssertEqual(try row.bytes("fixed"), [1, 2, 3, 4])
        XCTAssertEqual(row["fixed"], .bytes([1, 2, 3, 4]))
        XCTAssertTrue(try row.bool("flag"))
        XCTAssertEqual(try row.date("at").timeIntervalSince1970, at.timeIntervalSince1970, accuracy: 1e-6)
        XCTAssertEqual(try row.string("at"), "2023-11-14 22:13:20.250000")
        XCTAssertEqual(try row.date("day").timeIntervalSince1970, 1_709_164_800)
        XCTAssertEqual(try row.int(0), Int(inserted.lastInsertID))
    }

    func testNullsBindAndDecode() throws {
        let missing: String? = nil
        try db.execute("INSERT INTO things (name, data, at) VALUES (?, ?, ?)", missing, nil, Optional<Date>.none)
        let row = try XCTUnwrap(try db.queryOne("SELECT name, data, at, small FROM things"))
        XCTAssertNil(try row.optionalString("name"))
        XCTAssertNil(try row.optionalBytes("data"))
        XCTAssertNil(try row.optionalDate("at"))
        XCTAssertNil(try row.optionalInt("small"))
        XCTAssertEqual(row.values, [.null, .null, .null, .null])
        XCTAssertThrowsError(try row.string("name")) { error in
            XCTAssertEqual(error as? DatabaseError, .decoding(column: "name", reason: "expected text, got NULL"))
        }
    }

    func testUnicodeText() throws {
        let text = "Nyumba ya Ñjeri — 住宅 🏠 \u{0}end"
        try db.execute("INSERT INTO things (name, note) VALUES (?, ?)", text, text)
        let row = try XCTUnwrap(try db.queryOne("SELECT name, note, CHAR_LENGTH(name) AS n FROM things"))
        XCTAssertEqual(try row.string("name"), text)
        XCTAssertEqual(try row.string("note"), text)
        XCTAssertEqual(try row.int("n"), text.count)
        XCTAssertEqual(try db.queryOne("SELECT ? AS echo", "🏠")?.string("echo"), "🏠")
    }

    func testLargeValuesUseTheTruncationPath() throws {
        let blob = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let text = String(repeating: "mpesa ", count: 20_000)
        for _ in 0..<3 {
            try db.execute("INSERT INTO things (data, note, name) VALUES (?, ?, 'x')", blob, text)
        }
        try db.execute("INSERT INTO things (data, note, name) VALUES (?, ?, 'y')", [UInt8]([7]), "short")
        let rows = try db.query("SELECT data, note, name FROM things ORDER BY id")
        XCTAssertEqual(rows.count, 4)
        for row in rows.prefix(3) {
            XCTAssertEqual(try row.bytes("data"), blob)
            XCTAssertEqual(try row.string("note"), text)
            XCTAssertEqual(try row.string("name"), "x")
        }
        XCTAssertEqual(try rows[3].bytes("data"), [7])
        XCTAssertEqual(try rows[3].string("note"), "short")
        // Again on the cached statement, whose buffers have grown.
        XCTAssertEqual(try db.query("SELECT data, note, name FROM things ORDER BY id").count, 4)
    }

    func testTypeMismatchAndMissingColumn() throws {
        try db.execute("INSERT INTO things (name, small) VALUES ('a', 3)")
        let row = try XCTUnwrap(try db.queryOne("SELECT name, small FROM things"))
        XCTAssertThrowsError(try row.int("name")) { error in
            guard case DatabaseError.decoding(let column, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(column, "name")
            XCTAssertTrue(reason.contains("expected integer"), reason)
        }
        XCTAssertThrowsError(try row.date("small"))
        XCTAssertThrowsError(try row.string("nope")) { error in
            XCTAssertEqual(error as? DatabaseError, .decoding(column: "nope", reason: "no such column in the result"))
        }
        XCTAssertThrowsError(try row.int(5))
        XCTAssertEqual(try row.int("SMALL"), 3, "column names match case-insensitively")
    }

    func testAggregatesAndParameterArrays() throws {
        for value in [1, 2, 3] { try db.execute("INSERT INTO things (small) VALUES (?)", value) }
        let sum = try db.queryOne("SELECT SUM(small) AS total, COUNT(*) AS n FROM things")
        XCTAssertEqual(try sum?.int("total"), 6, "SUM gives a DECIMAL; a whole one reads as an integer")
        XCTAssertEqual(try sum?.int("n"), 3)
        let rows = try db.query("SELECT small FROM things WHERE small IN (?, ?) ORDER BY small", parameters: [1, 3])
        XCTAssertEqual(try rows.map { try $0.int("small") }, [1, 3])
        XCTAssertThrowsError(try db.query("SELECT ?", 1, 2)) { error in
            XCTAssertEqual(error as? DatabaseError, .parameterCount(expected: 1, given: 2))
        }
        XCTAssertEqual(try db.query("SELECT 1 FROM things WHERE 0").count, 0)
    }
}
