import Locking

/// STK callbacks that arrive together are settled together: one worker takes every one waiting
/// (`Batcher`) and settles those waiting for their answer in one transaction with a few statements
/// for the whole batch, the others each in its own (`PaymentSettlement.settle(batch:keep:)`). Each
/// is answered once its commit is done, so "stored and settled in one transaction" holds for each.
/// When the batch's transaction fails, each of its items is settled on its own, as if it had come
/// alone, so one bad item cannot fail the others.
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
}
