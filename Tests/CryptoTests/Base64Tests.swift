import Crypto
import XCTest

final class Base64Tests: XCTestCase {
    /// RFC 4648 section 10.
    func testStandardVectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE="]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(bytes(plain)), encoded)
            XCTAssertEqual(Base64.decode(encoded), bytes(plain))
        }
        XCTAssertEqual(Base64.encode(bytes("foobar")), "Zm9vYmFy")
    }

    func testStandardUsesPlusAndSlash() {
        XCTAssertEqual(Base64.encode([0xFB, 0xFF]), "+/8=")
        XCTAssertEqual(Base64URL.encode([0xFB, 0xFF]), "-_8")
    }

    func testStandardRejectsMissingPaddingAndBadCharacters() {
        for text in ["Zg", "Zg=", "Zg===", "Zm9v\n", "Zm 9v", "-_8=", "Z===", "=Zm9", "Zm9v====", "Zh=="] {
            XCTAssertNil(Base64.decode(text), text)
        }
    }

    func testURLRoundTripsEveryByteValue() {
        let all = (0...255).map { UInt8($0) }
        for length in 0...4 {
            let input = Array(all.prefix(all.count - length))
            let encoded = Base64URL.encode(input)
            XCTAssertFalse(encoded.contains("=") || encoded.contains("+") || encoded.contains("/"))
            XCTAssertEqual(Base64URL.decode(encoded), input)
        }
        XCTAssertEqual(Base64.decode(Base64.encode(all)), all)
    }

    func testURLIsStrict() {
        // Padding, the standard alphabet, whitespace, impossible lengths and non-canonical trailing bits.
        for text in ["Zg==", "Zg=", "+/8", "Zm9v ", "Z", "Zm9vY", "Zh", "Zm9=", "Zm9v\u{00E9}"] {
            XCTAssertNil(Base64URL.decode(text), text)
        }
        XCTAssertNil(Base64URL.decode("Zm9vYmF"))
        XCTAssertEqual(Base64URL.decode("Zm9vYmE"), bytes("fooba"))
    }

    func testSecureRandomTokens() {
        let token = SecureRandom.token()
        XCTAssertEqual(token.count, 43)
        XCTAssertEqual(Base64URL.decode(token)?.count, 32)
        XCTAssertNotEqual(token, SecureRandom.token())
        XCTAssertEqual(SecureRandom.bytes(0), [])
        XCTAssertEqual(SecureRandom.bytes(100).count, 100)
        let salt = SecureRandom.alphanumeric(2000)
        XCTAssertEqual(salt.count, 2000)
        XCTAssertTrue(salt.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        XCTAssertEqual(Set(salt).count, 62, "2000 draws should cover all 62 characters")
    }
}
