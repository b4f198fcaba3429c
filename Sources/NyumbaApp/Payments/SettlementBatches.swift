import Daraja
import Locking
import MariaDB
import Web

/// STK callbacks and paybill (C2B) confirmations that arrive together are settled together: one
/// worker takes every one waiting of its kind (`Batcher`) and settles most of them in one
/// transaction with a few statements for the whole batch, the others each in its own
/// (`settle(_:on:what:together:alone:keep:)`). Each is answered once its commit is done, so
/// "stored and settled in one transaction" holds for each. When the batch's transaction fails,
/// each of its items is settled on its own, as if it had come alone, so one bad item cannot fail
/// the others.
///
/// Two batches of a kind run at a time, so MariaDB always has one to work on while the other's
/// worker waits for its answer (one at a time made the batches bigger and MariaDB's CPU per payment
/// 15% smaller, but callbacks 15% fewer). A batch holds at most the callbacks in flight, so it needs
/// a worker per callback in flight: Daraja's socket has workers of its own (`NYUMBA_DARAJA_WORKERS`,
/// 32 by default and in `make bench`).
final class SettlementBatches: Sendable {
    let stk: Batcher<DarajaArrival<STKCallback>, SettlementOutcome>
    let c2b: Batcher<DarajaArrival<C2BNotification>, C2BPayments.Outcome>

    init(maxBatch: Int = 32, maxRunning: Int = 2) {
        stk = Batcher(maxBatch: maxBatch, maxRunning: maxRunning)
        c2b = Batcher(maxBatch: maxBatch, maxRunning: maxRunning)
    }

    /// Settles `count` items that arrived together: `together` runs in one transaction for all of
    /// them (when there are several) and returns the outcome of each item it settled, by index;
    /// every other item, or every one when that transaction fails, runs `alone` in a transaction
    /// of its own. `keep` runs in the transaction of each item's settlement, with its index and
    /// outcome.
    static func settle<Outcome>(
        _ count: Int, on db: Connection, what: String, together: () throws -> [Int: Outcome],
        alone: (Int) throws -> Outcome, keep: (Int, Outcome) throws -> Void
    ) -> [Result<Outcome, any Error>] {
        var outcomes: [Int: Outcome] = [:]
        if count > 1 {
            do {
                outcomes = try LockConflictRetry.transaction(db) {
                    let settled = try together()
                    for (index, outcome) in settled.sorted(by: { $0.key < $1.key }) { try keep(index, outcome) }
                    return settled
                }
            } catch {
                Log.info("payments: a batch of \(count) \(what) rolled back, settling each alone: \(error)")
            }
        }
        return (0..<count).map { index in
            if let outcome = outcomes[index] { return .success(outcome) }
            return Result {
                try LockConflictRetry.transaction(db) {
                    let outcome = try alone(index)
                    try keep(index, outcome)
                    return outcome
                }
            }
        }
    }
}

/// A Daraja notification that parsed (an STK callback, a C2B confirmation), waiting for its
/// settlement, with its body as received.
struct DarajaArrival<Notification> {
    let notification: Notification
    let body: [UInt8]
    let remoteAddress: String
}
