import XCTest

@testable import Daraja

final class STKCallbackTests: XCTestCase {
    private func parse(_ json: String) throws(DarajaError) -> STKCallback {
        try STKCallback.parse(Array(json.utf8))
    }

    private func assertMalformed(_ json: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let callback = try parse(json)
            XCTFail("parsed \(callback)", file: file, line: line)
        } catch {
            guard case .malformedResponse = error else {
                return XCTFail("expected malformedResponse, got \(error)", file: file, line: line)
            }
        }
    }

    func testSuccessWithBalanceWithoutValue() throws {
        let callback = try parse(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Balance"},{"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}"#
        )
        XCTAssertEqual(
            callback,
            STKCallback(
                merchantRequestID: "29115-34620561-1", checkoutRequestID: "ws_CO_191220191020363925", resultCode: 0,
                resultDesc: "The service request is processed successfully.", amount: 1, receipt: "NLJ7RT61SV",
                transactionDate: "20191219102115", phone: "254708374149"))
        XCTAssertEqual(STKOutcome(resultCode: callback.resultCode), .paid)
    }

    func testItemsAreReadByNameInAnyOrder() throws {
        let callback = try parse(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_1","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"PhoneNumber","Value":254110000001},{"Name":"TransactionDate","Value":20240101000000},{"Name":"MpesaReceiptNumber","Value":"SAB1CD2EF3"},{"Name":"Amount","Value":15000}]}}}}"#
        )
        XCTAssertEqual(callback.amount, 15_000)
        XCTAssertEqual(callback.phone, "254110000001")
        XCTAssertEqual(callback.receipt, "SAB1CD2EF3")
    }

    func testFailureWithoutMetadata() throws {
        let callback = try parse(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"f1e2-4b95-a71d-b30d3cdbb7a7942864","CheckoutRequestID":"ws_CO_21072024125243250722943992","ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}"#
        )
        XCTAssertEqual(callback.resultCode, 1032)
        XCTAssertNil(callback.amount)
        XCTAssertNil(callback.receipt)
        XCTAssertNil(callback.transactionDate)
        XCTAssertNil(callback.phone)
        XCTAssertEqual(STKOutcome(resultCode: callback.resultCode), .cancelled)
    }

    func testMissingItemsAreNil() throws {
        let callback = try parse(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_2","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"}]}}}}"#
        )
        XCTAssertEqual(callback.receipt, "NLJ7RT61SV")
        XCTAssertNil(callback.amount)
        XCTAssertNil(callback.phone)
    }

    func testResultCodeAsNumericStringIsAccepted() throws {
        let callback = try parse(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_3","ResultCode":"2001","ResultDesc":"The initiator information is invalid."}}}"#
        )
        XCTAssertEqual(callback.resultCode, 2001)
    }

    func testMalformedBodies() {
        assertMalformed("")
        assertMalformed("{not json")
        assertMalformed("[]")
        assertMalformed(#"{"Body":{}}"#)
        assertMalformed(#"{"Body":{"stkCallback":{"MerchantRequestID":"m","ResultCode":0}}}"#)
        assertMalformed(#"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_4"}}}"#)
        assertMalformed(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_4","ResultCode":true}}}"#)
        assertMalformed(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_4","ResultCode":"paid"}}}"#)
        assertMalformed(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_4","ResultCode":0,"CallbackMetadata":{"Item":[{"Value":1}]}}}}"#
        )
    }

    func testFractionalAmountIsRejected() {
        assertMalformed(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_5","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.50}]}}}}"#
        )
    }

    func testWrongItemTypesAreRejected() {
        assertMalformed(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_6","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":12}]}}}}"#
        )
        assertMalformed(
            #"{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_6","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"TransactionDate","Value":2019}]}}}}"#
        )
    }
}
