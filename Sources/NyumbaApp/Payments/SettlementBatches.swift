import Locking
import MariaDB
import Web

/// STK callbacks that arrive together are settled together: one worker takes every one waiting
/// (`Batcher`) and settles them in one transaction, those waiting for their answer with a few
/// statements for the whole batch (`PaymentSettlement.settle(batch:)`). Each is answered once that
/// commit is done, so "stored and settled in one transaction" holds for each. When the batch's
/// transaction fails, each of its items is settled on its own, as if it had come alone, so one bad
/// item cannot fail the others.
///
/// Two batches run at a time, so MariaDB always has one to work on while the other's worker waits
/// for its answer. A batch holds at most the callbacks in flight, so it needs more workers than
/// cores: `make bench` runs 16. (Paybill confirmations are settled one per transaction: batching
/// their per-item statements measured no faster, and deadlocked on their unique keys.)
final class SettlementBatches: Sendable {
    let stk: Batcher<STKCallbackArrival, SettlementOutcome>

    init(maxBatch: Int = 32, maxRunning: Int = 2) {
        stk = Batcher(maxBatch: maxBatch, maxRunning: maxRunning)
    }

    /// Runs `settle` over the whole batch in one transaction, or over each item in its own when
    /// the batch's fails (or holds one item). `settle` returns one outcome per item, in order.
    static func settle<Item, Outcome>(
        _ items: [Item], on db: Connection, what: String, _ settle: ([Item]) throws -> [Outcome]
    ) -> [Result<Outcome, any Error>] {
        if items.count > 1 {
            do {
                return try LockConflictRetry.run { try db.transaction { try settle(items) } }.map { .success($0) }
            } catch {
                Log.info("payments: a batch of \(items.count) \(what) rolled back, settling each on its own: \(error)")
            }
        }
        return items.map { item in Result { try LockConflictRetry.run { try db.transaction { try settle([item])[0] } } }
        }
    }
}
