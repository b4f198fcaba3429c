import Foundation
import Locking
import XCTest

final class BatcherTests: XCTestCase {
    struct Refused: Error, Equatable { let item: Int }

    /// Runs `body(index)` on `count` threads at once and waits for all of them.
    private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            Thread {
                body(index)
                done.leave()
            }.start()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
    }

    /// Alone, an item is run at once on its own thread, as a batch of one.
    func testALoneItemRunsAsABatchOfOne() throws {
        let batcher = Batcher<Int, Int>(maxBatch: 8, maxRunning: 1)
        var batches: [[Int]] = []
        let doubled = try batcher.submit(21) { items in
            batches.append(items)
            return items.map { .success($0 * 2) }
        }
        XCTAssertEqual(doubled, 42)
        XCTAssertEqual(batches, [[21]])
    }

    /// Items that arrive while a batch runs are run together in the next one; every thread
    /// gets its own item's outcome, whichever thread ran it.
    func testItemsArrivingDuringABatchAreRunTogetherAndEachGetsItsOwnOutcome() {
        let batcher = Batcher<Int, String>(maxBatch: 64, maxRunning: 1)
        let sizes = Locked<[Int]>([])
        let answers = Locked<[Int: String]>([:])
        onThreads(24) { index in
            let answer = try? batcher.submit(index) { items in
                sizes.withLock { $0.append(items.count) }
                usleep(20_000)  // long enough for the other threads to queue up
                return items.map { .success("item \($0)") }
            }
            answers.withLock { $0[index] = answer }
        }
        let got = answers.withLock { $0 }
        XCTAssertEqual(got.count, 24)
        for index in 0..<24 { XCTAssertEqual(got[index], "item \(index)") }
        let batchSizes = sizes.withLock { $0 }
        XCTAssertEqual(batchSizes.reduce(0, +), 24, "every item ran exactly once")
        XCTAssertLessThan(batchSizes.count, 24, "some items shared a batch: \(batchSizes)")
    }

    /// No more than `maxRunning` batches run at once, and no batch holds more than `maxBatch` items.
    func testBatchesRespectTheirLimits() {
        let batcher = Batcher<Int, Int>(maxBatch: 3, maxRunning: 2)
        let running = Locked((now: 0, most: 0, largest: 0))
        onThreads(30) { index in
            _ = try? batcher.submit(index) { items in
                running.withLock {
                    $0.now += 1
                    $0.most = max($0.most, $0.now)
                    $0.largest = max($0.largest, items.count)
                }
                usleep(5_000)
                running.withLock { $0.now -= 1 }
                return items.map { .success($0) }
            }
        }
        let seen = running.withLock { $0 }
        XCTAssertLessThanOrEqual(seen.most, 2)
        XCTAssertLessThanOrEqual(seen.largest, 3)
        XCTAssertGreaterThan(seen.largest, 1, "the queue built up, so some batch held several")
    }

    /// An item's error reaches only the thread that brought it.
    func testAnItemsErrorReachesOnlyItsOwnThread() {
        let batcher = Batcher<Int, Int>(maxBatch: 16, maxRunning: 1)
        let results = Locked<[Int: Result<Int, any Error>]>([:])
        onThreads(12) { index in
            let result = Result {
                try batcher.submit(index) { items in
                    usleep(10_000)
                    return items.map { $0 == 5 ? .failure(Refused(item: $0)) : .success($0 + 100) }
                }
            }
            results.withLock { $0[index] = result }
        }
        let got = results.withLock { $0 }
        for index in 0..<12 {
            switch got[index] {
            case .success(let value)?: XCTAssertEqual(value, index + 100, "item \(index)")
            case .failure(let error)?: XCTAssertEqual(error as? Refused, index == 5 ? Refused(item: 5) : nil)
            case nil: XCTFail("item \(index) got no answer")
            }
        }
        XCTAssertNotNil(try? got[4]?.get(), "the item beside the refused one succeeded")
    }

    /// Many threads submitting over and over, in small batches two at a time: every submit gets
    /// its own outcome and none is left asleep (each thread sleeps on its own condition, so a
    /// wake-up that went to nobody would hang this test until `onThreads` gives up).
    func testEveryThreadIsWokenForItsOutcomeUnderContention() {
        let batcher = Batcher<Int, Int>(maxBatch: 4, maxRunning: 2)
        let seen = Locked((ran: 0, wrong: 0, running: 0, most: 0))
        onThreads(32) { thread in
            for round in 0..<300 {
                let item = thread * 1_000 + round
                let outcome = try? batcher.submit(item) { items in
                    seen.withLock {
                        $0.ran += items.count
                        $0.running += 1
                        $0.most = max($0.most, $0.running)
                    }
                    if items.count > 1 { usleep(50) }
                    seen.withLock { $0.running -= 1 }
                    return items.map { .success($0 * 3) }
                }
                if outcome != item * 3 { seen.withLock { $0.wrong += 1 } }
            }
        }
        let totals = seen.withLock { $0 }
        XCTAssertEqual(totals.ran, 32 * 300, "every item ran exactly once")
        XCTAssertEqual(totals.wrong, 0, "every thread got its own item's outcome")
        XCTAssertLessThanOrEqual(totals.most, 2)
    }

    /// A run that answers for fewer items than it was given fails them all rather than leaving one waiting.
    func testARunThatLosesAnItemFailsTheBatch() {
        let batcher = Batcher<Int, Int>(maxBatch: 4, maxRunning: 1)
        XCTAssertThrowsError(try batcher.submit(1) { _ in [] }) { error in
            XCTAssertTrue(error is BatchOutcomeMissing)
        }
        XCTAssertEqual(try batcher.submit(2) { items in items.map { .success($0) } }, 2, "the batcher still works")
    }
}
