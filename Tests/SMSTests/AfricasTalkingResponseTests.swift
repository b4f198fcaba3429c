import XCTest

@testable import SMS

final class AfricasTalkingResponseTests: XCTestCase {
    private func parse(_ json: String) throws -> [SMSRecipientResult] {
        try AfricasTalkingResponse.recipients(Array(json.utf8))
    }

    func testDocumentedSuccess() throws {
        let results = try parse(
            #"{"SMSMessageData":{"Message":"Sent to 1/1 Total Cost: KES 0.8000","Recipients":[{"statusCode":101,"#
                + #""number":"+254711XXXYYY","status":"Success","cost":"KES 0.8000","messageId":"ATPid_1"}]}}"#)
        XCTAssertEqual(
            results,
            [
                SMSRecipientResult(
                    number: "+254711XXXYYY", statusCode: 101, status: "Success", messageID: "ATPid_1",
                    cost: "KES 0.8000")
            ])
        XCTAssertTrue(results[0].isAccepted)
    }

    func testPerRecipientFailureAndParts() throws {
        let results = try parse(
            #"{"SMSMessageData":{"Message":"Sent to 1/2","Recipients":[{"statusCode":"102","number":"+254712345678","#
                + #""status":"Queued","cost":"KES 1.6000","messageId":"ATXid_2","messageParts":2},"#
                + #"{"statusCode":403,"number":"+254700000403","status":"InvalidPhoneNumber","cost":"0","#
                + #""messageId":"None"}]}}"#)
        XCTAssertEqual(results.map(\.statusCode), [102, 403])
        XCTAssertEqual(results.map(\.isAccepted), [true, false])
        XCTAssertEqual(results[0].parts, 2)
        XCTAssertFalse(results[1].isRetryable)
    }

    func testRetryableRecipientCodes() {
        for code in [402, 405, 500, 501, 502] {
            XCTAssertTrue(
                SMSRecipientResult(number: "", statusCode: code, status: "", messageID: "", cost: "").isRetryable)
        }
        for code in [100, 101, 102, 401, 403, 404, 406, 407, 409] {
            XCTAssertFalse(
                SMSRecipientResult(number: "", statusCode: code, status: "", messageID: "", cost: "").isRetryable)
        }
    }

    func testEmptyRecipientsIsRejectedWithTheGatewaysWord() {
        XCTAssertThrowsError(try parse(#"{"SMSMessageData":{"Message":"InvalidSenderId","Recipients":[]}}"#)) {
            XCTAssertEqual($0 as? SMSError, .rejected("InvalidSenderId"))
        }
    }

    func testMalformedAnswers() {
        for body in [
            "", "null", "[]", "The supplied authentication is invalid", #"{"SMSMessageData":{}}"#,
            #"{"SMSMessageData":{"Recipients":[{"number":"+254712345678","status":"Success"}]}}"#,
            #"{"SMSMessageData":{"Recipients":[{"statusCode":true,"number":"+254712345678","status":"x"}]}}"#,
            #"{"SMSMessageData":{"Recipients":[17]}}"#,
        ] {
            XCTAssertThrowsError(try parse(body), body) { error in
                guard case .malformedResponse? = error as? SMSError else { return XCTFail("\(body): \(error)") }
            }
        }
    }
}
