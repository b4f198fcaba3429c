import Foundation
import XCTest

@testable import Redis

final class RedisURLTests: XCTestCase {
    func testParsesTCPAndUnixForms() throws {
        XCTAssertEqual(try RedisURL("redis://127.0.0.1:6380/2").endpoint, .tcp(host: "127.0.0.1", port: 6380))
        XCTAssertEqual(try RedisURL("redis://127.0.0.1:6380/2").database, 2)
        XCTAssertEqual(try RedisURL("redis://:s3cret@cache.internal").password, "s3cret")
        XCTAssertEqual(try RedisURL("redis://cache.internal").endpoint, .tcp(host: "cache.internal", port: 6379))
        XCTAssertEqual(try RedisURL("unix:///run/redis.sock?db=1").endpoint, .unix(path: "/run/redis.sock"))
        XCTAssertEqual(try RedisURL("unix:///run/redis.sock?db=1").database, 1)
    }

    func testRejectsMalformedURLs() {
        for bad in ["http://x", "redis://", "redis://h:99999", "redis://h/x", "unix://relative.sock"] {
            XCTAssertThrowsError(try RedisURL(bad), bad)
        }
    }
}

/// Against the server in `NYUMBA_TEST_REDIS_URL` (make test starts one).
final class RedisConnectionTests: XCTestCase {
    private func connection() throws -> RedisConnection {
        guard let url = ProcessInfo.processInfo.environment["NYUMBA_TEST_REDIS_URL"] else {
            throw XCTSkip("NYUMBA_TEST_REDIS_URL is not set")
        }
        return RedisConnection(url: try RedisURL(url))
    }

    func testSetGetDeleteAndExpiry() throws {
        let redis = try connection()
        let key = "nyumba:test:\(UUID().uuidString)"
        XCTAssertNil(try redis.get(key))
        try redis.set(key, Array("héllo\0bytes".utf8), expiresIn: 1)
        XCTAssertEqual(try redis.get(key), Array("héllo\0bytes".utf8))
        XCTAssertEqual(try redis.delete(key), 1)
        XCTAssertNil(try redis.get(key))
        try redis.set(key, [1], expiresIn: 1)
        Thread.sleep(forTimeInterval: 1.2)
        XCTAssertNil(try redis.get(key), "expired")
    }

    func testIncrAndSetIfAbsent() throws {
        let redis = try connection()
        let key = "nyumba:test:\(UUID().uuidString)"
        defer { _ = try? redis.delete(key) }
        XCTAssertEqual(try redis.incr(key), 1, "a missing key counts as 0")
        XCTAssertEqual(try redis.incr(key), 2)
        XCTAssertFalse(try redis.setIfAbsent(key, Array("7".utf8), expiresIn: 5))
        XCTAssertEqual(try redis.get(key), Array("2".utf8))
        XCTAssertEqual(try redis.delete(key), 1)
        XCTAssertTrue(try redis.setIfAbsent(key, Array("7".utf8), expiresIn: 5))
        XCTAssertEqual(try redis.incr(key), 8)
    }

    func testUnreachableServerIsAConnectionError() {
        let redis = RedisConnection(url: try! RedisURL("redis://127.0.0.1:1"), timeoutMilliseconds: 200)
        XCTAssertThrowsError(try redis.get("x")) { error in
            guard case .connection = error as? RedisError else { return XCTFail("\(error)") }
        }
    }
}

final class RedisCircuitBreakerTests: XCTestCase {
    func testAFailedConnectionSkipsTheServerForEveryConnectionUntilThePauseIsOver() throws {
        let breaker = RedisCircuitBreaker(pauseSeconds: 0.3)
        let url = try RedisURL("redis://127.0.0.1:1")
        let first = RedisConnection(url: url, timeoutMilliseconds: 200, breaker: breaker)
        let second = RedisConnection(url: url, timeoutMilliseconds: 200, breaker: breaker)
        XCTAssertThrowsError(try first.get("x")) { error in
            guard case .connection = error as? RedisError else { return XCTFail("\(error)") }
        }
        for connection in [first, second] {
            XCTAssertThrowsError(try connection.get("x")) { XCTAssertEqual($0 as? RedisError, .skipped) }
        }
        // Another server is not skipped.
        let other = RedisConnection(url: try RedisURL("redis://127.0.0.1:2"), breaker: breaker)
        XCTAssertThrowsError(try other.get("x")) { error in
            guard case .connection = error as? RedisError else { return XCTFail("\(error)") }
        }
        Thread.sleep(forTimeInterval: 0.35)
        XCTAssertThrowsError(try second.get("x")) { error in
            guard case .connection = error as? RedisError else { return XCTFail("tried again: \(error)") }
        }
    }
}
