import Daraja
import XCTest

final class C2BNotificationTests: XCTestCase {
    private func body(_ changes: [String: Any?] = [:]) -> [UInt8] {
        var fields: [String: Any] = [
            "TransactionType": "Pay Bill", "TransID": "RKL51ZDR4F", "TransTime": "20231121121325",
            "TransAmount": "5.00", "BusinessShortCode": "600966", "BillRefNumber": "A12", "InvoiceNumber": "",
            "OrgAccountBalance": "25.00", "ThirdPartyTransID": "", "MSISDN": "2547 ***** 126",
            "FirstName": "NICHOLAS", "MiddleName": "", "LastName": "",
        ]
        for (key, value) in changes { fields[key] = value }
        return Array(try! JSONSerialization.data(withJSONObject: fields))
    }

    func testTheDocumentedSampleParses() throws {
        let payment = try C2BNotification.parse(body())
        XCTAssertEqual(payment.transID, "RKL51ZDR4F")
        XCTAssertEqual(payment.amount, 5)
        XCTAssertEqual(payment.businessShortCode, "600966")
        XCTAssertEqual(payment.billRefNumber, "A12")
        XCTAssertEqual(payment.payerName, "NICHOLAS")
        XCTAssertEqual(try C2BNotification.parse(payment.body), payment)
    }

    func testAmountsAreWholeShillingsWrittenAsStrings() throws {
        for (text, amount) in [("5", 5), ("5.0", 5), ("12500.00", 12_500)] {
            XCTAssertEqual(try C2BNotification.parse(body(["TransAmount": text])).amount, amount, text)
        }
        for bad: Any in ["5.50", "-5", "5e2", "", "0", "1.000", 5] {
            XCTAssertThrowsError(try C2BNotification.parse(body(["TransAmount": bad])), "\(bad)")
        }
    }

    func testSpacesAroundAValueAreDropped() throws {
        let payment = try C2BNotification.parse(
            body([
                "TransID": " RKL51ZDR4F", "BillRefNumber": "\tA12  ", "FirstName": " Jane\u{A0}", "MiddleName": "W K",
            ]))
        XCTAssertEqual(payment.transID, "RKL51ZDR4F")
        XCTAssertEqual(payment.billRefNumber, "A12")
        XCTAssertEqual(payment.payerName, "Jane W K")
    }

    /// Found by `make fuzz` (fuzz-c2b-confirmation): a space followed by a combining mark is one
    /// character, a whitespace one, that a trim by scalars left at the end; so was a newline.
    func testWhitespaceCharactersAroundAValueAreDroppedWhole() throws {
        let payment = try C2BNotification.parse(
            body([
                "BillRefNumber": "A12\n", "FirstName": "\r\nJane", "LastName": "Otieno \u{8D0}",
                "MiddleName": " \u{301}",
            ]))
        XCTAssertEqual(payment.billRefNumber, "A12")
        XCTAssertEqual(payment.firstName, "Jane")
        XCTAssertEqual(payment.lastName, "Otieno")
        XCTAssertEqual(payment.middleName, "")
        XCTAssertEqual(try C2BNotification.parse(payment.body), payment)
    }

    func testEveryFieldMustBeAStringAndTheKeyFieldsWellFormed() {
        XCTAssertThrowsError(try C2BNotification.parse(body(["BillRefNumber": 12])))
        XCTAssertThrowsError(try C2BNotification.parse(body(["TransTime": "2023-11-21"])))
        XCTAssertThrowsError(try C2BNotification.parse(body(["BusinessShortCode": "12"])))
        XCTAssertThrowsError(try C2BNotification.parse(body(["TransID": "AB CD"])))
        XCTAssertThrowsError(try C2BNotification.parse(body(["MSISDN": nil])))
        XCTAssertThrowsError(try C2BNotification.parse(Array("[1]".utf8)))
    }

    func testPayerPhonePlainMaskedOrHashed() {
        // The hash from a real sandbox confirmation (research §1.13).
        let hashed = C2BPayerPhone("94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88")
        XCTAssertEqual(hashed, .hashed("94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88"))
        XCTAssertTrue(hashed.matches("254705912645"))
        XCTAssertFalse(hashed.matches("254705912646"))
        XCTAssertTrue(C2BPayerPhone("254712345678").matches("254712345678"))
        let masked = C2BPayerPhone("2547 ***** 126")
        XCTAssertTrue(masked.matches("254712345126"))
        XCTAssertFalse(masked.matches("254712345127"))
    }
}
