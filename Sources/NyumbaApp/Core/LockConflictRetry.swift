import Glibc
import MariaDB
import Web

/// Transactions that run again when InnoDB chose them as a deadlock's victim (or their lock wait
/// timed out). Recording a charge holds the lease row shared (the foreign key of its insert) and
/// updates it at commit, so anything else that locks a lease meanwhile (a payment or charge to it,
/// a push being opened, the lease ended, its deposit settled) can deadlock with it now and then.
/// (A payment locks its lease before its insert, `LedgerStore.lockTotals`, so payments to one
/// lease take turns.) InnoDB undid all of the victim, so it may simply run again: M-Pesa does not
/// retry a callback, and a person should not see an error for it. (The late-fee loop's claims
/// run READ COMMITTED, set for one transaction only, and a failed pass is tried again anyway.)
enum LockConflictRetry {
    /// `db.transaction(body)`, run again up to `attempts` times in all on a lock conflict. Inside
    /// another transaction it only joins that one: a deadlock undid the outer transaction too,
    /// so only its own caller may run it again.
    static func transaction<T>(_ db: Connection, attempts: Int = 4, _ body: () throws -> T) throws -> T {
        if db.inTransaction { return try body() }
        var attempt = 1
        while true {
            do {
                return try db.transaction(body)
            } catch let error as DatabaseError where error.isLockConflict && attempt < attempts {
                Log.warning("database: lock conflict (attempt \(attempt)), trying again: \(error)")
                // A random pause, longer each time, so that two transactions that deadlocked do not
                // start again in step and deadlock again: a flood of callbacks to one lease once met
                // four deadlocks in a row, 4 ms apart, and answered 500.
                usleep(UInt32.random(in: 1_000...5_000) * UInt32(attempt))
                attempt += 1
            }
        }
    }
}
