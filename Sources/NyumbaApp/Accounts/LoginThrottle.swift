import Foundation
import MariaDB

/// Slows, then refuses, repeated failed logins for one account and from one client
/// address. The counts live in the database, so every responder process sees them.
///
/// From the 3rd failure on, each attempt must wait 2^(n-3) seconds after the previous
/// failure; at 10 failures for an account (30 for an address) it is locked for the
/// configured interval. A success clears the account's count.
struct LoginThrottle {
    let db: Connection
    let lockoutSeconds: Int

    static let accountLockAt = 10
    static let addressLockAt = 30

    /// A message saying why this attempt is refused, or nil to let it through.
    func refusal(email: String, address: String) throws -> String? {
        for scope in ["email:\(email)", "addr:\(address)"] {
            guard
                let row = try db.queryOne(
                    """
                    SELECT failures,
                           GREATEST(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), locked_until), 0) AS locked_for,
                           TIMESTAMPDIFF(SECOND, last_failure_at, UTC_TIMESTAMP(6)) AS since_last
                    FROM login_failures WHERE scope = ?
                    """, scope)
            else { continue }
            let lockedFor = try row.optionalInt("locked_for") ?? 0
            if lockedFor > 0 {
                let minutes = max(1, (lockedFor + 59) / 60)
                return
                    "Too many failed attempts. Logging in is locked for \(minutes) more minute\(minutes == 1 ? "" : "s")."
            }
            let failures = try row.int("failures")
            let sinceLast = try row.int("since_last")
            if failures >= 3, failures < Self.accountLockAt {
                let wait = 1 << min(failures - 3, 6)
                if sinceLast < wait {
                    return "Too many failed attempts. Wait \(wait) seconds before trying again."
                }
            }
        }
        return nil
    }

    /// Counts a failure for the account and the address, locking them at the threshold.
    func recordFailure(email: String, address: String) throws {
        for (scope, lockAt) in [("email:\(email)", Self.accountLockAt), ("addr:\(address)", Self.addressLockAt)] {
            try db.execute(
                """
                INSERT INTO login_failures (scope, failures, last_failure_at) VALUES (?, 1, UTC_TIMESTAMP(6))
                ON DUPLICATE KEY UPDATE
                    failures = IF(locked_until IS NOT NULL AND locked_until <= UTC_TIMESTAMP(6), 1, failures + 1),
                    locked_until = IF(locked_until IS NOT NULL AND locked_until <= UTC_TIMESTAMP(6), NULL, locked_until),
                    last_failure_at = UTC_TIMESTAMP(6)
                """, scope)
            try db.execute(
                """
                UPDATE login_failures SET locked_until = UTC_TIMESTAMP(6) + INTERVAL ? SECOND
                WHERE scope = ? AND failures >= ? AND locked_until IS NULL
                """, lockoutSeconds, scope, lockAt)
        }
    }

    /// Clears the account's failures after a successful login.
    func recordSuccess(email: String) throws {
        try db.execute("DELETE FROM login_failures WHERE scope = ?", "email:\(email)")
    }
}
