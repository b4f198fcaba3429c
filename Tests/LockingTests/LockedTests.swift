import Foundation
import Locking
import XCTest

final class LockedTests: XCTestCase {
    /// Several threads incrementing under the lock lose no increment.
    func testIncrementsFromSeveralThreadsAreExact() {
        let threads = 8
        let increments = 20_000
        let counter = Locked(0)
        let done = DispatchGroup()
        for _ in 0..<threads {
            done.enter()
            let thread = Thread {
                for _ in 0..<increments { counter.withLock { $0 += 1 } }
                done.leave()
            }
            thread.start()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 120), .success)
        XCTAssertEqual(counter.withLock { $0 }, threads * increments)
    }

    /// A read-modify-write made in one critical section is never interleaved with another's.
    func testCriticalSectionsDoNotInterleave() {
        let log = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 200) { worker in
            log.withLock { entries in
                entries.append(worker)
                entries.append(worker)
            }
        }
        let entries = log.withLock { $0 }
        XCTAssertEqual(entries.count, 400)
        for pair in stride(from: 0, to: entries.count, by: 2) {
            XCTAssertEqual(entries[pair], entries[pair + 1])
        }
    }

    /// An error thrown in `body` reaches the caller and releases the lock.
    func testThrowingBodyReleasesTheLock() {
        struct Failure: Error {}
        let value = Locked("a")
        XCTAssertThrowsError(
            try value.withLock { (text: inout String) throws(Failure) -> Void in
                text += "b"
                throw Failure()
            })
        XCTAssertEqual(value.withLock { $0 }, "ab")
    }
}
