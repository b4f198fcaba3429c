import Crypto
import Foundation
import XCTest

private struct Claims: JWTClaims, Equatable {
    var sub: String
    var exp: Int
    var nbf: Int?
    var iat: Int?
}

final class JWTTests: XCTestCase {
    private let key = bytes("0123456789abcdef0123456789abcdef")
    private let now = Date(timeIntervalSince1970: 1_700_000_000)
    private var claims: Claims { Claims(sub: "tenant-42", exp: 1_700_000_900, nbf: nil, iat: 1_700_000_000) }

    private func verify(_ token: String, key: [UInt8]? = nil, at date: Date? = nil) throws(JWTError) -> Claims {
        try JWT.verify(token, key: key ?? self.key, as: Claims.self, now: date ?? now)
    }

    private func assertRejected(_ token: String, _ expected: JWTError, line: UInt = #line) {
        XCTAssertThrowsError(try verify(token), line: line) { XCTAssertEqual($0 as? JWTError, expected, line: line) }
    }

    /// Signs arbitrary header and payload JSON with HS256, so only the part under test is wrong.
    private func forge(header: String, payload: String) -> String {
        let input = Base64URL.encode(bytes(header)) + "." + Base64URL.encode(bytes(payload))
        return input + "." + Base64URL.encode(HMAC.sha256(key: key, message: bytes(input)))
    }

    func testRoundTrip() throws {
        let token = JWT.sign(claims: claims, key: key)
        XCTAssertTrue(token.hasPrefix("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."))
        XCTAssertEqual(try verify(token), claims)
    }

    /// A token made independently with Python's hmac and base64 modules.
    func testVerifiesExternallySignedToken() throws {
        let token =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIwMDAwMDAwMDAsInN1YiI6InRlbmFudC00MiJ9."
            + "SvwdugIYZe5ML-H3_eQIU309RqaIriYJG5KNaP-Z1vM"
        XCTAssertEqual(try verify(token), Claims(sub: "tenant-42", exp: 2_000_000_000))
    }

    func testTamperedPayloadRejected() {
        let parts = JWT.sign(claims: claims, key: key).split(separator: ".")
        var changed = claims
        changed.sub = "landlord-1"
        let otherPayload = JWT.sign(claims: changed, key: key).split(separator: ".")[1]
        assertRejected("\(parts[0]).\(otherPayload).\(parts[2])", .badSignature)
    }

    func testTamperedSignatureRejected() {
        let token = JWT.sign(claims: claims, key: key)
        let parts = token.split(separator: ".")
        var signature = Base64URL.decode(String(parts[2]))!
        signature[0] ^= 1
        assertRejected("\(parts[0]).\(parts[1]).\(Base64URL.encode(signature))", .badSignature)
        assertRejected("\(parts[0]).\(parts[1]).", .badSignature)
    }

    func testWrongKeyRejected() {
        let token = JWT.sign(claims: claims, key: key)
        XCTAssertThrowsError(try verify(token, key: bytes("another key of thirty-two bytes!"))) {
            XCTAssertEqual($0 as? JWTError, .badSignature)
        }
    }

    func testAlgNoneRejected() {
        let payload = Base64URL.encode(bytes(#"{"exp":1700000900,"sub":"tenant-42"}"#))
        for header in [#"{"alg":"none","typ":"JWT"}"#, #"{"alg":"none"}"#, #"{"typ":"JWT"}"#] {
            assertRejected(Base64URL.encode(bytes(header)) + "." + payload + ".", .badAlgorithm)
        }
    }

    func testOtherAlgorithmsAndHeadersRejected() {
        let payload = #"{"exp":1700000900,"sub":"tenant-42"}"#
        for header in [
            #"{"alg":"HS512","typ":"JWT"}"#, #"{"alg":"RS256"}"#, #"{"alg":"hs256"}"#,
            #"{"alg":"HS256","typ":"JWE"}"#, #"{"alg":"HS256","crit":["exp"]}"#, #"{"alg":"HS256","kid":"1"}"#,
        ] {
            assertRejected(forge(header: header, payload: payload), .badAlgorithm)
        }
        XCTAssertNoThrow(try verify(forge(header: #"{"alg":"HS256"}"#, payload: payload)))
    }

    func testExpiryAndNotBefore() {
        let token = JWT.sign(claims: claims, key: key)
        XCTAssertNoThrow(try verify(token, at: now.addingTimeInterval(900 + 29)))
        XCTAssertThrowsError(try verify(token, at: now.addingTimeInterval(900 + 30))) {
            XCTAssertEqual($0 as? JWTError, .expired)
        }
        let early = JWT.sign(claims: Claims(sub: "x", exp: 1_700_000_900, nbf: 1_700_000_100), key: key)
        assertRejected(early, .notYetValid)
        let future = JWT.sign(claims: Claims(sub: "x", exp: 1_700_000_900, iat: 1_700_000_060), key: key)
        assertRejected(future, .notYetValid)
        XCTAssertNoThrow(try verify(future, at: now.addingTimeInterval(31)))
    }

    func testMissingExpRejected() {
        assertRejected(forge(header: #"{"alg":"HS256"}"#, payload: #"{"sub":"tenant-42"}"#), .malformed)
    }

    func testMalformedRejected() {
        let token = JWT.sign(claims: claims, key: key)
        let parts = token.split(separator: ".")
        assertRejected("\(parts[0]).\(parts[1])", .malformed)
        assertRejected(token + ".", .malformed)
        assertRejected("", .malformed)
        assertRejected("\(parts[0]).\(parts[1])=.\(parts[2])", .malformed)
        assertRejected("\(parts[0]).\(parts[1]).\(parts[2])*", .malformed)
        assertRejected(forge(header: "not json", payload: #"{"exp":1700000900}"#), .malformed)
        assertRejected(forge(header: #"{"alg":"HS256"}"#, payload: "[1,2]"), .malformed)
        let huge = Claims(sub: String(repeating: "a", count: 9000), exp: 1_700_000_900)
        assertRejected(JWT.sign(claims: huge, key: key), .malformed)
    }
}
