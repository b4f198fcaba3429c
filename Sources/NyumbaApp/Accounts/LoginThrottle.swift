import Foundation
import MariaDB

/// Slows, then refuses, repeated failed logins, built for many people behind one address
/// (a mobile carrier's NAT): OWASP's device-cookie scheme. Failures are events counted in
/// a sliding window, so every responder process sees them and old ones stop counting.
///
/// - An **account** (its id; an email that matches none, its normalised form) is slowed
///   from its 3rd failure in the window (each attempt must wait 2^(n−3) s after the last
///   failure) and locked for the lockout interval after its 10th.
/// - An **address** only slows, and only once it has had a flood of failures
///   (`addressSlowAt` in the window): a few seconds between attempts.
/// - A **known device** (it signed in to this account before) skips both: other people's
///   failures never lock its owner out. Its own failures are counted; after
///   `deviceLockAt` of them it is treated as unknown.
struct LoginThrottle {
    let db: Connection
    let lockoutSeconds: Int

    static let window = 60 * 60
    static let accountSlowFrom = 3
    static let accountLockAt = 10
    static let deviceLockAt = 10
    static let addressSlowAt = 200
    static let addressWait = 5

    /// Who is trying to sign in.
    struct Attempt {
        /// `account:<id>` or `email:<normalised email>`.
        let account: String
        let address: String
        /// The nonce of a device key valid for this account (or a signed-in session's
        /// family, when a signed-in person re-enters their password); nil when unknown.
        let device: String?
        /// False for a signed-in person re-entering their password: the address limits are
        /// about sign-ins (guessing across accounts), not about someone already signed in.
        let countsAddress: Bool

        /// The attempt for an account (or, when `user` is nil, an email that matches none).
        init(user: UserID?, email: String, address: String, device: String?, countsAddress: Bool = true) {
            account = user.map { "account:\($0.raw)" } ?? "email:\(LoginThrottle.normalisedEmail(email))"
            self.address = address
            self.device = user == nil ? nil : device
            self.countsAddress = countsAddress
        }
    }

    /// A message saying why this attempt is refused, or nil to let it through.
    func refusal(_ attempt: Attempt) throws -> Words? {
        if let device = attempt.device, try failures("device:\(device)").count < Self.deviceLockAt {
            return nil
        }
        let account = try failures(attempt.account)
        if account.count >= Self.accountLockAt, account.sinceLastMillis < lockoutSeconds * 1000 {
            let minutes = max(1, (lockoutSeconds * 1000 - account.sinceLastMillis + 59_999) / 60_000)
            return Words(minutes == 1 ? "login.locked_minute" : "login.locked_minutes", ["minutes": "\(minutes)"])
        }
        if account.count >= Self.accountSlowFrom, account.count < Self.accountLockAt {
            let wait = (1 << min(account.count - Self.accountSlowFrom, 6)) * 1000
            if account.sinceLastMillis < wait {
                return Words("login.wait", ["seconds": Self.seconds(wait - account.sinceLastMillis)])
            }
        }
        guard attempt.countsAddress else { return nil }
        let address = try failures("addr:\(attempt.address)")
        if address.count >= Self.addressSlowAt, address.sinceLastMillis < Self.addressWait * 1000 {
            return Words(
                "login.wait_network", ["seconds": Self.seconds(Self.addressWait * 1000 - address.sinceLastMillis)])
        }
        return nil
    }

    /// Counts a failure for the account, the address and the device (if known).
    func recordFailure(_ attempt: Attempt) throws {
        var scopes = [attempt.account]
        if attempt.countsAddress { scopes.append("addr:\(attempt.address)") }
        if let device = attempt.device { scopes.append("device:\(device)") }
        for scope in scopes {
            try db.execute(
                "INSERT INTO login_failures (scope, failed_at) VALUES (?, UTC_TIMESTAMP(6))", scope)
            // Keep the table to the window: old events no longer count.
            try db.execute(
                "DELETE FROM login_failures WHERE scope = ? AND failed_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
                scope, Self.window)
        }
    }

    /// After a successful login, clears the failures of the device it came from: a known
    /// device's own, or (an unknown device got through, so the account was not locked) the
    /// account's. The owner signing in on their phone does not lift a lock others caused.
    func recordSuccess(_ attempt: Attempt) throws {
        let scope = attempt.device.map { "device:\($0)" } ?? attempt.account
        try db.execute("DELETE FROM login_failures WHERE scope = ?", scope)
    }

    /// `email` as the throttle counts it: trimmed, zero-width and other invisible
    /// characters removed, compatibility forms folded (NFKC), accents stripped and
    /// lower-cased — close to how the `utf8mb4_unicode_ci` lookup compares emails, so
    /// `Alice@`, `álice@` and `al\u{200B}ice@` are one counter.
    static func normalisedEmail(_ email: String) -> String {
        let visible = String(
            String.UnicodeScalarView(
                email.unicodeScalars.filter {
                    !$0.properties.isDefaultIgnorableCodePoint && !$0.properties.isWhitespace
                }
            ))
        return visible.precomposedStringWithCompatibilityMapping
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    /// "1 second", "16 seconds": milliseconds rounded up to whole seconds.
    /// Whole seconds, rounded up, at least 1.
    static func seconds(_ millis: Int) -> String { "\(max(1, (millis + 999) / 1000))" }

    private func failures(_ scope: String) throws -> (count: Int, sinceLastMillis: Int) {
        guard
            let row = try db.queryOne(
                """
                SELECT COUNT(*) AS failures,
                       TIMESTAMPDIFF(MICROSECOND, MAX(failed_at), UTC_TIMESTAMP(6)) DIV 1000 AS since_last
                FROM login_failures WHERE scope = ? AND failed_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND
                """, scope, Self.window)
        else { return (0, Int.max) }
        return (try row.int("failures"), try row.optionalInt("since_last") ?? Int.max)
    }
}
