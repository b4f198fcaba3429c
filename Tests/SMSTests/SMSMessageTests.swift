import XCTest

@testable import SMS

final class SMSMessageTests: XCTestCase {
    func testKenyanNumbersInTheFormsPeopleType() {
        for text in ["+254712345678", "254712345678", "0712345678", "0712 345 678", "+254-712-345678"] {
            XCTAssertEqual(SMSNumber(text)?.international, "+254712345678", text)
        }
        XCTAssertEqual(SMSNumber("0110345678")?.international, "+254110345678")
    }

    func testNotKenyanMobileNumbers() {
        for text in [
            "", "+25471234567", "+2547123456789", "+254812345678", "+255712345678", "712345678", "07123456a8",
            "+254 7１2345678", "0712345678\n", "+254+712345678",
        ] {
            XCTAssertNil(SMSNumber(text), text)
        }
    }

    func testMessageKeepsRecipientsInOrderWithoutRepeats() throws {
        let message = try SMSMessage(to: ["0712345678", "+254700000001", "254712345678"], text: "Habari")
        XCTAssertEqual(message.recipients.map(\.international), ["+254712345678", "+254700000001"])
        XCTAssertNil(message.senderID)
    }

    func testRefusedMessages() {
        XCTAssertThrowsError(try SMSMessage(to: [String](), text: "x")) {
            XCTAssertEqual($0 as? SMSError, .noRecipients)
        }
        XCTAssertThrowsError(try SMSMessage(to: ["0712345678"], text: "")) {
            XCTAssertEqual($0 as? SMSError, .emptyText)
        }
        XCTAssertThrowsError(try SMSMessage(to: ["0712345678", "12345"], text: "x")) {
            XCTAssertEqual($0 as? SMSError, .invalidNumber("12345"))
        }
        XCTAssertThrowsError(try SMSMessage(to: ["0712345678"], text: String(repeating: "a", count: 1531))) {
            XCTAssertEqual($0 as? SMSError, .tooLong(segments: 11))
        }
        XCTAssertNoThrow(try SMSMessage(to: ["0712345678"], text: String(repeating: "a", count: 1530)))
        for sender in ["", "NYUMBA RENT", "NyumbaRent12", "Nyumba-Rent", "Nyúmba"] {
            XCTAssertThrowsError(try SMSMessage(to: ["0712345678"], text: "x", senderID: sender)) {
                XCTAssertEqual($0 as? SMSError, .invalidSenderID(sender))
            }
        }
        XCTAssertNoThrow(try SMSMessage(to: ["0712345678"], text: "x", senderID: "NyumbaRent1"))
    }

    func testFormEncodingRoundTrips() {
        let fields = [("message", "Kodi: Ksh 12,500 & salio 0 €+%\n"), ("to", "+254712345678,+254700000001")]
        let body = SMSForm.encode(fields)
        XCTAssertFalse(body.contains("+254"))
        XCTAssertFalse(body.contains(" "))
        let decoded = SMSForm.decode(body)
        XCTAssertEqual(decoded?.map(\.0), ["message", "to"])
        XCTAssertEqual(decoded?.map(\.1), fields.map(\.1))
        XCTAssertEqual(SMSForm.decode("a=b+c&d")?.map(\.1), ["b c", ""])
        XCTAssertNil(SMSForm.decode("a=%zz"))
        XCTAssertNil(SMSForm.decode("a=%4"))
        XCTAssertNil(SMSForm.decode("a=%FF"))
    }

    func testErrorsThatARetryCanFix() {
        XCTAssertFalse(SMSError.transport("refused").isPermanent)
        XCTAssertFalse(SMSError.unauthorized("bad key").isPermanent)
        XCTAssertFalse(SMSError.http(status: 503, body: "").isPermanent)
        XCTAssertFalse(SMSError.http(status: 429, body: "").isPermanent)
        XCTAssertFalse(SMSError.file(path: "/x", message: "").isPermanent)
        XCTAssertTrue(SMSError.http(status: 400, body: "").isPermanent)
        XCTAssertTrue(SMSError.rejected("InvalidSenderId").isPermanent)
        XCTAssertTrue(SMSError.malformedResponse("x").isPermanent)
        XCTAssertTrue(SMSError.invalidNumber("1").isPermanent)
    }

    func testLogLinesEscapeControlCharacters() {
        XCTAssertFalse(SMSError.http(status: 500, body: "a\nb").description.contains("\n"))
    }
}
