import Crypto
import XCTest

final class AESGCMTests: XCTestCase {
    private let key = SecureRandom.bytes(32)
    private let message = bytes("M-Pesa passkey: bfb279f9aa9bdbcf158e97dd71a467cd")

    private func assertOpenFails(
        _ sealed: [UInt8], key: [UInt8]? = nil, associatedData: [UInt8] = [], _ expected: CryptoError,
        line: UInt = #line
    ) {
        XCTAssertThrowsError(try AESGCM.open(sealed, key: key ?? self.key, associatedData: associatedData), line: line)
        {
            XCTAssertEqual($0 as? CryptoError, expected, line: line)
        }
    }

    func testRoundTrip() throws {
        let sealed = try AESGCM.seal(message, key: key)
        XCTAssertEqual(sealed.count, 1 + 12 + message.count + 16)
        XCTAssertEqual(sealed[0], 1)
        XCTAssertEqual(try AESGCM.open(sealed, key: key), message)
        XCTAssertEqual(try AESGCM.open(try AESGCM.seal([], key: key), key: key), [])
    }

    func testAssociatedDataIsBound() throws {
        let sealed = try AESGCM.seal(message, key: key, associatedData: bytes("landlord:7"))
        XCTAssertEqual(try AESGCM.open(sealed, key: key, associatedData: bytes("landlord:7")), message)
        assertOpenFails(sealed, associatedData: bytes("landlord:8"), .authenticationFailed)
        assertOpenFails(sealed, .authenticationFailed)
    }

    func testTamperingAnyByteFails() throws {
        let sealed = try AESGCM.seal(message, key: key)
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            assertOpenFails(tampered, .authenticationFailed)
        }
        assertOpenFails(Array(sealed.dropLast()), .authenticationFailed)
    }

    func testWrongKeyFails() throws {
        let sealed = try AESGCM.seal(message, key: key)
        assertOpenFails(sealed, key: SecureRandom.bytes(32), .authenticationFailed)
    }

    func testSealsOfSamePlaintextDiffer() throws {
        let first = try AESGCM.seal(message, key: key)
        let second = try AESGCM.seal(message, key: key)
        XCTAssertNotEqual(first, second)
        XCTAssertNotEqual(first[1..<13], second[1..<13], "nonces must differ")
    }

    func testShortInputIsMalformed() {
        assertOpenFails([], .malformed)
        assertOpenFails([1] + [UInt8](repeating: 0, count: 27), .malformed)
    }

    func testKeyMustBe32Bytes() {
        XCTAssertThrowsError(try AESGCM.seal(message, key: SecureRandom.bytes(16))) {
            XCTAssertEqual($0 as? CryptoError, .invalidKeyLength(expected: 32, actual: 16))
        }
        assertOpenFails([UInt8](repeating: 0, count: 40), key: [], .invalidKeyLength(expected: 32, actual: 0))
    }

    func testErrorsDescribeThemselves() {
        XCTAssertEqual(
            CryptoError.authenticationFailed.description, "authentication failed: wrong key or tampered data")
    }
}
