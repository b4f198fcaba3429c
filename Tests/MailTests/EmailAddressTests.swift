import XCTest

@testable import Mail

final class EmailAddressTests: XCTestCase {
    func testAcceptsPlausibleAddresses() throws {
        for text in ["a@b.co", "wanjiru.kamau+rent@mail.example.co.ke", "o'neil@x-y.example", "A_1@EXAMPLE.COM"] {
            XCTAssertEqual(try EmailAddress(text).address, text)
        }
        let address = try EmailAddress("tenant@example.co.ke", name: "  Wanjiru  ")
        XCTAssertEqual(address.domain, "example.co.ke")
        XCTAssertEqual(address.displayName, "Wanjiru")
        XCTAssertEqual(address.description, "\"Wanjiru\" <tenant@example.co.ke>")
        XCTAssertNil(try EmailAddress("a@b.co", name: " ").displayName)
    }

    func testRejectsImplausibleAddresses() {
        let bad = [
            "", "plain", "a@b", "@b.co", "a@", "a@@b.co", "a@b@c.co", "a b@c.co", ".a@b.co", "a.@b.co", "a..b@c.co",
            "a@-b.co", "a@b-.co", "a@b..co", "a@.b.co", "a@b.co.", "wä@b.co", "a@bä.co", "\"q\"@b.co", "a@[1.2.3.4]",
            "<a@b.co>", "a@b_c.co", String(repeating: "x", count: 65) + "@b.co",
            "a@" + String(repeating: "x", count: 64) + ".co",
            "a@" + Array(repeating: "abcdefghi", count: 26).joined(separator: "."),
        ]
        for text in bad {
            XCTAssertThrowsError(try EmailAddress(text), "accepted \(text)") { error in
                XCTAssertEqual(error as? MailError, .invalidAddress(text))
            }
        }
    }

    func testRejectsLineBreaksAndNUL() {
        for text in ["a@b.co\r\nBcc: x@y.co", "a@b.co\n", "a\r@b.co", "a@b.co\0"] {
            XCTAssertThrowsError(try EmailAddress(text)) { error in
                XCTAssertEqual(error as? MailError, .headerInjection(field: "email address"))
            }
        }
        for name in ["Eve\r\nBcc: x@y.co", "Eve\n", "Eve\0"] {
            XCTAssertThrowsError(try EmailAddress("a@b.co", name: name)) { error in
                XCTAssertEqual(error as? MailError, .headerInjection(field: "display name"))
            }
        }
    }

    func testDisplayNameLengthLimit() {
        XCTAssertNoThrow(try EmailAddress("a@b.co", name: String(repeating: "n", count: 200)))
        XCTAssertThrowsError(try EmailAddress("a@b.co", name: String(repeating: "n", count: 201))) { error in
            XCTAssertEqual(error as? MailError, .tooLong(field: "display name"))
        }
    }

    func testDisplayNamesAreQuotedOrEncoded() throws {
        XCTAssertEqual(try EmailAddress("a@b.co").headerTokens, ["a@b.co"])
        XCTAssertEqual(
            try EmailAddress("a@b.co", name: "Kamau, J. (Flat 4)").headerTokens, ["\"Kamau, J. (Flat 4)\"", "<a@b.co>"])
        for name in ["Wanjirũ Kamau", "Eve \"the\" Tenant", "back\\slash", "Zoë 🏠"] {
            let tokens = try EmailAddress("a@b.co", name: name).headerTokens
            XCTAssertEqual(tokens.last, "<a@b.co>")
            XCTAssertEqual(Fixtures.decodeEncodedWords(tokens.dropLast().joined(separator: " ")), name)
        }
    }
}
