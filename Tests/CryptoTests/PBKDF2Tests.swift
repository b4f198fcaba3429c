import Crypto
import XCTest

final class PBKDF2Tests: XCTestCase {
    /// Expected values from Python: `hashlib.pbkdf2_hmac('sha256', b'password', b'salt', n, 32).hex()`.
    func testKnownVectors() {
        XCTAssertEqual(
            hex(PBKDF2.sha256(password: bytes("password"), salt: bytes("salt"), iterations: 1)),
            "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"
        )
        XCTAssertEqual(
            hex(PBKDF2.sha256(password: bytes("password"), salt: bytes("salt"), iterations: 1000)),
            "632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3"
        )
    }

    func testKeyLengthIsHonoured() {
        let long = PBKDF2.sha256(password: bytes("password"), salt: bytes("salt"), iterations: 1, keyLength: 64)
        XCTAssertEqual(long.count, 64)
        XCTAssertEqual(hex(Array(long.prefix(32))), "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    }

    func testEmptyPasswordDerives() {
        XCTAssertEqual(PBKDF2.sha256(password: [], salt: bytes("salt"), iterations: 1).count, 32)
    }
}
