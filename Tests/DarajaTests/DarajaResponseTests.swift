import XCTest

@testable import Daraja

final class DarajaResponseTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testErrorShape() {
        let error = DarajaResponse.apiError(
            status: 400,
            body: bytes(
                #"{"requestId":"1-2","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid Timestamp"}"#))
        XCTAssertEqual(
            error, .api(httpStatus: 400, errorCode: "400.002.02", message: "Bad Request - Invalid Timestamp"))
        XCTAssertEqual(error.problem, .detailsRefused)
        XCTAssertTrue(error.description.contains("400.002.02"))
        XCTAssertEqual(
            DarajaResponse.apiError(status: 502, body: bytes("<html>Bad gateway</html>")),
            .api(httpStatus: 502, errorCode: "", message: "HTTP 502: <html>Bad gateway</html>"))
        XCTAssertEqual(
            DarajaError.api(httpStatus: 500, errorCode: "500.003.02", message: "Spike arrest").problem, .busy)
    }

    func testTokenExpiresInAsStringOrNumber() throws {
        let string = try DarajaResponse.token(status: 200, body: bytes(#"{"access_token":"a","expires_in":"3599"}"#))
        XCTAssertEqual(string.expiresIn, 3599)
        let number = try DarajaResponse.token(status: 200, body: bytes(#"{"access_token":"b","expires_in":3599}"#))
        XCTAssertEqual(number.token, "b")
        XCTAssertEqual(number.expiresIn, 3599)
        XCTAssertThrowsError(try DarajaResponse.token(status: 200, body: bytes(#"{"expires_in":"3599"}"#)))
    }

    func testPushAnswer() throws {
        let accepted = try DarajaResponse.pushAccepted(
            status: 200,
            body: bytes(
                #"{"MerchantRequestID":"2654-4b64","CheckoutRequestID":"ws_CO_1","ResponseCode":"0","ResponseDescription":"Success. Request accepted for processing","CustomerMessage":"Success. Request accepted for processing"}"#
            ))
        XCTAssertEqual(accepted.checkoutRequestID, "ws_CO_1")
        XCTAssertThrowsError(
            try DarajaResponse.pushAccepted(
                status: 200, body: bytes(#"{"ResponseCode":"1","ResponseDescription":"Rejected"}"#))
        ) { error in
            XCTAssertEqual(error as? DarajaError, .api(httpStatus: 200, errorCode: "1", message: "Rejected"))
        }
        XCTAssertThrowsError(try DarajaResponse.pushAccepted(status: 200, body: bytes(#"{"ResponseCode":"0"}"#)))
    }

    func testQueryAnswers() throws {
        XCTAssertEqual(
            try DarajaResponse.queryResult(
                status: 200,
                body: bytes(#"{"ResponseCode":"0","ResultCode":"1032","ResultDesc":"Request cancelled by user"}"#)),
            .completed(resultCode: 1032, resultDesc: "Request cancelled by user"))
        XCTAssertEqual(
            try DarajaResponse.queryResult(
                status: 200, body: bytes(#"{"ResponseCode":"0","ResultCode":0,"ResultDesc":"ok"}"#)),
            .completed(resultCode: 0, resultDesc: "ok"))
        XCTAssertEqual(
            try DarajaResponse.queryResult(
                status: 200, body: bytes(#"{"ResponseCode":"0","ResultCode":"4999","ResultDesc":"…"}"#)),
            .stillProcessing)
        XCTAssertEqual(
            try DarajaResponse.queryResult(
                status: 500,
                body: bytes(
                    #"{"requestId":"x","errorCode":"500.001.1001","errorMessage":"The transaction is being processed"}"#
                )),
            .stillProcessing)
        XCTAssertEqual(
            try DarajaResponse.queryResult(
                status: 200, body: bytes(#"{"ResponseCode":"0","ResultCode":"SFC_IC0003","ResultDesc":"x"}"#)),
            .completed(resultCode: 2028, resultDesc: "x"))
        XCTAssertThrowsError(
            try DarajaResponse.queryResult(
                status: 500, body: bytes(#"{"errorCode":"500.003.02","errorMessage":"Spike arrest"}"#)))
    }

    func testRequestValidationBeforeSending() {
        let shortcode = DarajaShortcode(shortcode: "174379", passkey: "k", transactionType: .payBill, partyB: "174379")
        func body(_ phone: String, _ amount: Int) throws(DarajaError) -> [UInt8] {
            try STKRequestBody.push(
                STKPushRequest(
                    phone: phone, amount: amount, callbackURL: "https://example.com/cb",
                    accountReference: "Unit A-12/3 extra",
                    description: "Rent for March 2025"),
                shortcode: shortcode, timestamp: "20250101000000")
        }
        XCTAssertThrowsError(try body("254712345678", 0))
        XCTAssertThrowsError(try body("254712345678", 250_001))
        XCTAssertThrowsError(try body("0712345678", 100))
        XCTAssertThrowsError(try body("254212345678", 100))
        XCTAssertNoThrow(try body("254112345678", 250_000))
        let json = JSONValue.object((try? body("254712345678", 100)) ?? [])
        XCTAssertEqual(json?["AccountReference"] as? String, "UnitA123extr")
        XCTAssertEqual(json?["TransactionDesc"] as? String, "Rent for Marc")
        XCTAssertEqual(JSONValue.integer(json?["Amount"]), 100)
        XCTAssertEqual(json?["CallBackURL"] as? String, "https://example.com/cb")
    }
}
