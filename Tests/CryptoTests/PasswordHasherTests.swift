import Crypto
import XCTest

final class PasswordHasherTests: XCTestCase {
    private let hasher = PasswordHasher(iterations: 1000)

    /// Django's `make_password("password", salt="seasalt")` at 1000 iterations; the hash part was computed with
    /// `base64.b64encode(hashlib.pbkdf2_hmac('sha256', b'password', b'seasalt', 1000))`.
    private let djangoHash = "pbkdf2_sha256$1000$seasalt$YIWkt6M1JFXrHg5s0jZjBSc7C2Cz6QvchSJ0h8Y+i7c="

    func testProducesDjangoFormat() {
        XCTAssertEqual(hasher.hash("password", salt: "seasalt"), djangoHash)
        let parts = hasher.hash("password").split(separator: "$")
        XCTAssertEqual(parts.count, 4)
        XCTAssertEqual(parts[0], "pbkdf2_sha256")
        XCTAssertEqual(parts[1], "1000")
        XCTAssertEqual(parts[2].count, 22)
        XCTAssertEqual(Base64.decode(String(parts[3]))?.count, 32)
    }

    func testRoundTrip() {
        let encoded = hasher.hash("correct horse battery staple")
        let result = hasher.verify("correct horse battery staple", against: encoded)
        XCTAssertTrue(result.isValid)
        XCTAssertFalse(result.needsRehash)
        XCTAssertNotEqual(encoded, hasher.hash("correct horse battery staple"), "salts must differ")
    }

    func testDjangoHashVerifies() {
        let result = hasher.verify("password", against: djangoHash)
        XCTAssertTrue(result.isValid)
        // Django would also upgrade it: a 7-character salt is below its entropy floor.
        XCTAssertTrue(result.needsRehash)
    }

    func testWrongPasswordFails() {
        XCTAssertEqual(hasher.verify("Password", against: djangoHash), .invalid)
        XCTAssertEqual(hasher.verify("", against: hasher.hash("x")), .invalid)
    }

    func testNeedsRehashOnlyBelowConfiguredIterations() {
        let old = PasswordHasher(iterations: 500).hash("secret")
        XCTAssertTrue(hasher.verify("secret", against: old).isValid)
        XCTAssertTrue(hasher.verify("secret", against: old).needsRehash)
        let stronger = PasswordHasher(iterations: 1500).hash("secret")
        XCTAssertTrue(hasher.verify("secret", against: stronger).isValid)
        XCTAssertFalse(hasher.verify("secret", against: stronger).needsRehash)
    }

    func testMalformedStoredValuesFail() {
        let key = "YIWkt6M1JFXrHg5s0jZjBSc7C2Cz6QvchSJ0h8Y+i7c="
        let values = [
            "", "password", "pbkdf2_sha256$1000$seasalt", "pbkdf2_sha1$1000$seasalt$\(key)",
            "pbkdf2_sha256$0$seasalt$\(key)", "pbkdf2_sha256$-1$seasalt$\(key)", "pbkdf2_sha256$+1000$seasalt$\(key)",
            "pbkdf2_sha256$1000$$\(key)", "pbkdf2_sha256$1000$seasalt$not base64", "pbkdf2_sha256$1000$seasalt$AAAA",
            "pbkdf2_sha256$99999999999$seasalt$\(key)", "pbkdf2_sha256$1000$seasalt$\(key)$extra",
        ]
        for value in values {
            XCTAssertEqual(hasher.verify("password", against: value), .invalid, value)
        }
    }

    func testDummyVerificationFails() {
        XCTAssertEqual(hasher.verifyDummy("password"), .invalid)
    }

    func testProductionIterationCountCompletes() {
        let production = PasswordHasher()
        XCTAssertEqual(production.iterations, 600_000)
        let encoded = production.hash("password")
        XCTAssertTrue(encoded.hasPrefix("pbkdf2_sha256$600000$"))
    }
}
