import Foundation
import XCTest

@testable import Web

/// Log lines reach stderr whole and in order: request lines, and info lines once the flusher
/// runs, within 250 ms; a warning at once, after everything buffered before it.
final class LogTests: XCTestCase {
    func testBufferedLinesKeepTheirOrderAndReachStderr() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID()).txt").path
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(file, 0)
        Log.flush()
        let saved = dup(2)
        dup2(file, 2)
        defer {
            Log.flush()
            dup2(saved, 2)
            close(saved)
            close(file)
            unlink(path)
        }
        func written() -> [String] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            // Each line is "<timestamp> <level> <message>": the level and message.
            return text.split(separator: "\n").filter { $0.contains("log-test") }.map {
                String($0.split(separator: " ", maxSplits: 1)[1])
            }
        }

        Log.startFlusher()
        Log.info("log-test first")
        Log.request("log-test second")
        Log.warning("log-test third")
        XCTAssertEqual(written(), ["info log-test first", "req log-test second", "warn log-test third"])
        // The timestamp: UTC to the millisecond, and now.
        let line = try XCTUnwrap(
            String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first { $0.contains("log-test first") }
        )
        let stamp = String(line.prefix { $0 != " " })
        XCTAssertNotNil(
            stamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression), stamp)
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        XCTAssertEqual(try XCTUnwrap(parser.date(from: stamp)).timeIntervalSinceNow, 0, accuracy: 5, stamp)

        Log.info("log-test fourth")
        let deadline = Date().addingTimeInterval(2)
        while !written().contains("info log-test fourth") && Date() < deadline { usleep(20_000) }
        XCTAssertEqual(written().last, "info log-test fourth", "the flusher writes a buffered line within 250 ms")
    }
}
