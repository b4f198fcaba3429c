import MariaDB
import XCTest

final class SQLScriptTests: XCTestCase {
    func testSplitsAtSemicolonsEndingLines() throws {
        let script = """
            -- users; they pay rent
            CREATE TABLE a (id INT);
            INSERT INTO a VALUES (1);  -- trailing comment; still one statement

            # hash comment;
            INSERT INTO a VALUES (2);
            """
        XCTAssertEqual(
            try SQLScript.split(script),
            [
                "-- users; they pay rent\nCREATE TABLE a (id INT)",
                "INSERT INTO a VALUES (1)",
                "-- trailing comment; still one statement\n\n# hash comment;\nINSERT INTO a VALUES (2)",
            ])
    }

    func testIgnoresSemicolonsInQuotesAndComments() throws {
        let script = """
            INSERT INTO t VALUES ('a;
            b', "c;
            ", 'it''s; \\';
            ');
            SELECT `odd;
            name` FROM t /* x;
            y; */ WHERE 1;
            """
        let statements = try SQLScript.split(script)
        XCTAssertEqual(statements.count, 2)
        XCTAssertTrue(statements[0].hasPrefix("INSERT"))
        XCTAssertTrue(statements[0].hasSuffix("')"))
        XCTAssertTrue(statements[1].hasSuffix("WHERE 1"))
    }

    func testMidLineSemicolonDoesNotSplit() throws {
        let script = "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; SET NEW.y = 2; END;\n"
        XCTAssertEqual(try SQLScript.split(script).count, 1)
    }

    func testLastStatementWithoutSemicolonAndEmptyScripts() throws {
        XCTAssertEqual(try SQLScript.split("SELECT 1;\nSELECT 2"), ["SELECT 1", "SELECT 2"])
        XCTAssertEqual(try SQLScript.split("  -- only a comment;\n;\n"), [])
        XCTAssertEqual(try SQLScript.split(""), [])
    }

    func testUnterminatedQuoteThrows() {
        XCTAssertThrowsError(try SQLScript.split("SELECT 'oops;\n"))
        XCTAssertThrowsError(try SQLScript.split("SELECT 1 /* never closed;\n"))
    }
}
