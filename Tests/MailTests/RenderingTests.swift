import Foundation
import XCTest

@testable import Mail

final class RenderingTests: XCTestCase {
    func testTextOnlyMessageHasTheHeadersAndCRLFEverywhere() throws {
        var message = Fixtures.message()
        message.replyTo = Fixtures.address("office@nyumba.example")
        message.extraHeaders = [EmailHeader("X-Nyumba-Ref", "lease-42")]
        let rendered = Fixtures.render(message)
        let fields = Fixtures.headers(rendered)

        XCTAssertEqual(fields["from"], "\"Nyumba Rentals\" <landlord@nyumba.example>")
        XCTAssertEqual(fields["to"], "\"Wanjiru Kamau\" <tenant@example.co.ke>")
        XCTAssertEqual(fields["reply-to"], "office@nyumba.example")
        XCTAssertEqual(fields["subject"], "Rent for May")
        XCTAssertEqual(fields["x-nyumba-ref"], "lease-42")
        XCTAssertEqual(fields["mime-version"], "1.0")
        XCTAssertEqual(fields["content-type"], "text/plain; charset=utf-8")
        XCTAssertEqual(fields["content-transfer-encoding"], "quoted-printable")
        let id = try XCTUnwrap(fields["message-id"])
        XCTAssertTrue(id.hasPrefix("<") && id.hasSuffix("@nyumba.example>"), id)
        XCTAssertNotEqual(Fixtures.message().messageID, Fixtures.message().messageID)
        XCTAssertNotNil(
            fields["date"]?.range(
                of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"#, options: .regularExpression
            ))

        XCTAssertFalse(rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
        XCTAssertFalse(rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "bare CR")
        XCTAssertTrue(rendered.hasSuffix("\r\n"))
        XCTAssertEqual(Fixtures.split(rendered).body, "Hello,\r\nyour rent is due.\r\n")
    }

    func testDatesAreRFC5322InUTC() {
        let cases: [(Double, String)] = [
            (0, "Thu, 01 Jan 1970 00:00:00 +0000"),
            (1_709_208_000, "Thu, 29 Feb 2024 12:00:00 +0000"),
            (1_778_000_000.9, "Tue, 05 May 2026 16:53:20 +0000"),
            (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 +0000"),
        ]
        for (seconds, expected) in cases {
            XCTAssertEqual(MailDate.format(Date(timeIntervalSince1970: seconds)), expected)
        }
    }

    func testQuotedPrintableKeepsLongAndUTF8LinesIntact() {
        let long = String(repeating: "Kodi ya nyumba imelipwa — asante sana! ", count: 6)
        let text = "Jambo Wanjirũ,\n\(long)\nTotal: KSh 25,000 = paid \nFrom the office\n.\n\twith tab\r\nend=end"
        let rendered = Fixtures.render(Fixtures.message(text: text))
        let body = Fixtures.split(rendered).body

        for line in body.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 76, line)
            XCTAssertTrue(line.utf8.allSatisfy { $0 < 128 }, "8-bit byte in \(line)")
        }
        XCTAssertTrue(body.contains("Wanjir=C5=A9"))
        XCTAssertTrue(body.contains("paid=20\r\n"), "trailing space must be encoded")
        XCTAssertTrue(body.contains("\r\n=46rom the office\r\n"), "a line starting 'From ' is protected")
        XCTAssertTrue(body.contains("\r\n.\r\n"), "a lone dot is left for SMTP dot-stuffing")
        XCTAssertTrue(body.contains("end=3Dend"))
        let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(Fixtures.decodeQuotedPrintable(body), expected + "\r\n")
    }

    /// CRLF, LF and a lone CR are each one line break; an empty line stays one.
    func testQuotedPrintableMakesEveryLineBreakOneCRLF() {
        let encoded = String(decoding: QuotedPrintable.encode("a\rb\nc\r\nd\r\re\n\nf \r"), as: UTF8.self)
        XCTAssertEqual(encoded, "a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\nf=20\r\n")
        XCTAssertEqual(QuotedPrintable.encode(""), [])
        let long = String(repeating: "x", count: 75) + "=" + "\nFrom"
        XCTAssertEqual(
            String(decoding: QuotedPrintable.encode(long), as: UTF8.self),
            String(repeating: "x", count: 75) + "=\r\n=3D\r\nFrom")
    }

    func testNonASCIISubjectIsEncodedAndFoldedUnder78Columns() {
        let subject =
            "Kodi ya Mei 🏠 — malipo ya M-Pesa yamepokelewa, asante sana Wanjirũ! " + String(repeating: "ñ", count: 40)
        let rendered = Fixtures.render(Fixtures.message(subject: subject))
        let headers = Fixtures.split(rendered).headers
        for line in headers.components(separatedBy: "\r\n") {
            XCTAssertLessThan(line.utf8.count, 78, line)
        }
        let field = Fixtures.headers(rendered)["subject"] ?? ""
        XCTAssertTrue(field.hasPrefix("=?UTF-8?B?"), field)
        XCTAssertEqual(Fixtures.decodeEncodedWords(field), subject)
    }

    func testLongASCIISubjectFoldsAtSpaces() {
        let subject = Array(repeating: "Reminder: rent is due on the 5th", count: 4).joined(separator: " ")
        let rendered = Fixtures.render(Fixtures.message(subject: subject))
        let lines = Fixtures.split(rendered).headers.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count <= 78 })
        XCTAssertEqual(Fixtures.headers(rendered)["subject"], subject)
    }

    func testTextAndHTMLMakeMultipartAlternative() throws {
        let rendered = Fixtures.render(Fixtures.message(text: "Plain rent note", html: "<p>HTML rent note</p>"))
        let contentType = try XCTUnwrap(Fixtures.headers(rendered)["content-type"])
        let prefix = "multipart/alternative; boundary=\""
        XCTAssertTrue(contentType.hasPrefix(prefix), contentType)
        let boundary = String(contentType.dropFirst(prefix.count).dropLast())
        XCTAssertGreaterThan(boundary.count, 20)

        let body = Fixtures.split(rendered).body
        XCTAssertTrue(body.hasSuffix("\r\n--\(boundary)--\r\n"))
        let parts = body.components(separatedBy: "--\(boundary)\r\n").dropFirst()
        XCTAssertEqual(parts.count, 2)
        let (plainHeaders, plainBody) = Fixtures.split(try XCTUnwrap(parts.first))
        let (htmlHeaders, htmlBody) = Fixtures.split(try XCTUnwrap(parts.last))
        XCTAssertTrue(plainHeaders.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        XCTAssertTrue(htmlHeaders.contains("Content-Type: text/html; charset=utf-8\r\n"))
        XCTAssertTrue(htmlHeaders.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        XCTAssertTrue(plainBody.hasPrefix("Plain rent note\r\n"))
        XCTAssertTrue(htmlBody.hasPrefix("<p>HTML rent note</p>\r\n"))
        XCTAssertNotEqual(boundary, Fixtures.headers(Fixtures.render(Fixtures.message(html: "<p/>")))["content-type"])
    }

    func testManyRecipientsFoldBetweenAddresses() {
        var message = Fixtures.message()
        message.to = (1...6).map { Fixtures.address("tenant\($0)@example.co.ke", "Tenant Number \($0)") }
        let rendered = Fixtures.render(message)
        XCTAssertTrue(
            Fixtures.split(rendered).headers.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        XCTAssertEqual(Fixtures.headers(rendered)["to"]?.components(separatedBy: ">, \"").count, 6)
    }

    func testPythonsEmailParserReadsEverythingBack() throws {
        try Python.require(module: "email")
        let subject = "Malipo 🏠 " + String(repeating: "yamepokelewa ", count: 8)
        var message = EmailMessage(
            from: Fixtures.address("landlord@nyumba.example", "Nyumba — Kodi"),
            to: [Fixtures.address("a@example.co.ke", "Wanjirũ \"Shiru\" Kamau"), Fixtures.address("b@example.co.ke")],
            replyTo: Fixtures.address("office@nyumba.example", "Office, Nyumba"), subject: subject,
            textBody: "Line é\n.\nFrom here\n" + String(repeating: "long ", count: 40), htmlBody: "<p>é</p>\n.\n")
        message.extraHeaders = [EmailHeader("X-Nyumba-Ref", "ref ü")]
        let parsed = try Python.parseEmail(bytes: try message.rendered())
        XCTAssertEqual(parsed.defects, [])
        XCTAssertEqual(parsed.subject, subject)
        XCTAssertEqual(parsed.from ?? [], [["Nyumba — Kodi", "landlord@nyumba.example"]])
        XCTAssertEqual(parsed.to ?? [], [["Wanjirũ \"Shiru\" Kamau", "a@example.co.ke"], ["", "b@example.co.ke"]])
        XCTAssertEqual(parsed.replyTo ?? [], [["Office, Nyumba", "office@nyumba.example"]])
        XCTAssertEqual(parsed.extra, "ref ü")
        XCTAssertEqual(parsed.plain, "Line é\n.\nFrom here\n" + String(repeating: "long ", count: 40))
        XCTAssertEqual(parsed.html, "<p>é</p>\n.\n")
    }
}
