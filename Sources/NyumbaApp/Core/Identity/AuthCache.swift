import Foundation
import Locking

/// The auth state of recently seen users (status, role, token version), so that a
/// signed-in request does not need a database round trip. Every change to that state
/// calls `invalidate`. Entries also expire on their own, which bounds how long another
/// process (with its own cache) may lag behind.
public final class AuthCache: Sendable {
    private struct Entry {
        let user: CurrentUser
        let expires: Date
    }

    private let entries = Locked<[UserID: Entry]>([:])
    private let lifetime: TimeInterval

    /// Creates an empty cache whose entries live `lifetime` seconds.
    public init(lifetime: TimeInterval = 30) {
        self.lifetime = lifetime
    }

    /// The cached user, or the one `load` returns (which is then cached).
    func user(_ id: UserID, load: () throws -> CurrentUser?) rethrows -> CurrentUser? {
        let now = Date()
        if let entry = entries.withLock({ $0[id] }), entry.expires > now { return entry.user }
        guard let user = try load() else { return nil }
        entries.withLock { $0[id] = Entry(user: user, expires: now + lifetime) }
        return user
    }

    /// Forgets a user after a change to their status, role or token version.
    func invalidate(_ id: UserID) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
