import XCTest

@testable import Mail

final class HeaderInjectionTests: XCTestCase {
    private func assertRenderingFails(
        _ message: EmailMessage, with expected: MailError, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try message.rendered(), file: file, line: line) { error in
            XCTAssertEqual(error as? MailError, expected, file: file, line: line)
        }
    }

    func testSubjectWithLineBreakOrNULIsRejected() {
        for subject in ["Rent\r\nBcc: everyone@example.com", "Rent\nX: y", "Rent\r", "Rent\0"] {
            assertRenderingFails(Fixtures.message(subject: subject), with: .headerInjection(field: "subject"))
        }
    }

    func testExtraHeadersAreChecked() {
        var message = Fixtures.message()
        message.extraHeaders = [EmailHeader("X-Ref", "1\r\nBcc: everyone@example.com")]
        assertRenderingFails(message, with: .headerInjection(field: "X-Ref header"))
        message.extraHeaders = [EmailHeader("X-Ref\r\nBcc", "1")]
        assertRenderingFails(message, with: .headerInjection(field: "header name"))
        for name in ["Bcc", "SUBJECT", "Content-Type", "X Ref", "X:Ref", "", "X-Ünicode"] {
            message.extraHeaders = [EmailHeader(name, "1")]
            assertRenderingFails(message, with: .invalidHeader(name))
        }
        message.extraHeaders = [EmailHeader("List-Unsubscribe", "<mailto:unsubscribe@nyumba.example>")]
        XCTAssertNoThrow(try message.rendered())
    }

    func testMessageIDAndRecipientsAreChecked() {
        var message = Fixtures.message()
        message.messageID = "<a@b>\r\nBcc: x@y.co"
        assertRenderingFails(message, with: .headerInjection(field: "Message-ID"))
        message.messageID = "no-brackets@b"
        assertRenderingFails(message, with: .invalidHeader("Message-ID"))
        message = Fixtures.message()
        message.to = []
        assertRenderingFails(message, with: .noRecipients)
    }

    func testErrorsReadWellAndSayWhetherToRetry() {
        XCTAssertEqual(
            MailError.headerInjection(field: "subject").description,
            "The subject contains a line break or NUL character, which is not allowed in an email header.")
        XCTAssertEqual(MailError.invalidAddress("a\r\nb").description, "\"a\\r\\nb\" is not a valid email address.")
        XCTAssertTrue(MailError.transport(code: 550, message: "no", permanent: true).isPermanent)
        XCTAssertFalse(MailError.transport(code: 7, message: "down", permanent: false).isPermanent)
        XCTAssertTrue(MailError.noRecipients.isPermanent)
    }
}
