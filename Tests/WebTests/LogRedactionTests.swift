import XCTest

@testable import Web

final class LogRedactionTests: XCTestCase {
    let redaction = LogRedaction(
        secretSegmentsAfter: ["/password/reset/", "/daraja/c2b/"], secretQueryNames: ["token", "code"])

    func testReplacesTheSecretSegmentAndKeepsTheRest() {
        XCTAssertEqual(redaction.redact("/password/reset/abc123"), "/password/reset/[redacted]")
        XCTAssertEqual(redaction.redact("/daraja/c2b/abc123/confirmation"), "/daraja/c2b/[redacted]/confirmation")
        XCTAssertEqual(redaction.redact("/password/reset/"), "/password/reset/")
        XCTAssertEqual(redaction.redact("/landlord/payments"), "/landlord/payments")
    }

    func testReplacesSecretQueryValuesOnly() {
        XCTAssertEqual(
            redaction.redact("/x?a=1&token=s3cret&Code=9&b"), "/x?a=1&token=[redacted]&Code=[redacted]&b")
    }
}
