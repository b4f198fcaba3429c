import XCTest

@testable import SMS

final class SMSDeliveryReportTests: XCTestCase {
    private func form(_ text: String) throws -> SMSDeliveryReport {
        try SMSDeliveryReport.parse(formBody: Array(text.utf8))
    }

    func testFinalSuccess() throws {
        let report = try form(
            "id=ATXid_03cb5e&status=Success&phoneNumber=%2B254712345678&networkCode=63902&retryCount=0")
        XCTAssertEqual(report.messageID, "ATXid_03cb5e")
        XCTAssertEqual(report.status, .success)
        XCTAssertTrue(report.status.isFinal)
        XCTAssertEqual(report.phoneNumber.international, "+254712345678")
        XCTAssertEqual(report.networkCode, "63902")
        XCTAssertEqual(report.retryCount, 0)
        XCTAssertNil(report.failureReason)
    }

    func testFailureKeepsAnUnknownReasonAsGiven() throws {
        let report = try form("id=ATXid_1&status=Failed&phoneNumber=%2B254700000403&failureReason=SomethingNew&extra=1")
        XCTAssertEqual(report.status, .failed)
        XCTAssertEqual(report.failureReason, "SomethingNew")
        XCTAssertNil(report.networkCode)
        XCTAssertNil(report.retryCount)
    }

    func testIntermediateStatusesAreNotFinal() throws {
        for status in ["Sent", "Submitted", "Buffered"] {
            XCTAssertFalse(try form("id=a&status=\(status)&phoneNumber=0712345678").status.isFinal, status)
        }
    }

    func testJSONReport() throws {
        let body =
            #"{"id":"ATXid_9","status":"Rejected","phoneNumber":"+254712345678","networkCode":63902,"#
            + #""failureReason":"UserInBlackList","retryCount":2}"#
        let report = try SMSDeliveryReport.parse(jsonBody: Array(body.utf8))
        XCTAssertEqual(report.status, .rejected)
        XCTAssertEqual(report.networkCode, "63902")
        XCTAssertEqual(report.retryCount, 2)
        XCTAssertEqual(report.failureReason, "UserInBlackList")
    }

    func testBadReportsAreRefused() {
        let bad = [
            "", "status=Success&phoneNumber=%2B254712345678",
            "id=&status=Success&phoneNumber=%2B254712345678",
            "id=a%20b&status=Success&phoneNumber=%2B254712345678",
            "id=a&status=Delivered&phoneNumber=%2B254712345678",
            "id=a&status=success&phoneNumber=%2B254712345678",
            "id=a&status=Success",
            "id=a&status=Success&phoneNumber=12345",
            "id=a&status=Success&phoneNumber=%2B254712345678&networkCode=6390x",
            "id=a&status=Success&phoneNumber=%2B254712345678&retryCount=-1",
            "id=a&status=Success&phoneNumber=%2B254712345678&failureReason=a%0Ab",
            "id=a&id=b&status=Success&phoneNumber=%2B254712345678",
            "id=a&status=Success&phoneNumber=%2B254712345678&x=%zz",
            "id=" + String(repeating: "a", count: 101) + "&status=Success&phoneNumber=%2B254712345678",
            "id=a&status=Success&phoneNumber=%2B254712345678&pad=" + String(repeating: "a", count: 8192),
        ]
        for body in bad {
            XCTAssertThrowsError(try form(body), String(body.prefix(80))) { error in
                guard case .invalidDeliveryReport? = error as? SMSError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try SMSDeliveryReport.parse(formBody: [0x69, 0x64, 0x3D, 0xFF]))
        for json in ["[]", "{", #"{"id":"a","status":"Success","phoneNumber":true}"#, #"{"id":["a"]}"#] {
            XCTAssertThrowsError(try SMSDeliveryReport.parse(jsonBody: Array(json.utf8)), json)
        }
    }
}
