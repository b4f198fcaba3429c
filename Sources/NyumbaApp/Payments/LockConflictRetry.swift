import MariaDB
import Web

/// Runs a settlement transaction again when InnoDB chose it as a deadlock victim (or its
/// lock wait timed out): concurrent payments to one lease update the same summary rows, and
/// M-Pesa does not retry, so the request must not fail for that.
enum LockConflictRetry {
    static func run<T>(attempts: Int = 4, _ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where OutboxQueue.isLockConflict(error) && attempt < attempts {
                Log.warning("payments: lock conflict (attempt \(attempt)), trying again: \(error)")
                attempt += 1
            }
        }
    }
}
