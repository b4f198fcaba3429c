import Foundation
import Redis
import Web

/// One worker's view of the auth-state cache: the process's own `AuthCache`, or Redis
/// when `NYUMBA_REDIS_URL` is set, so that several responder processes see every
/// invalidation at once. A Redis failure never fails a request: the user is then read
/// from the database.
final class AuthStateCache {
    private let local: AuthCache
    private let redis: RedisConnection?

    static let lifetime = 30

    init(local: AuthCache, redis: RedisConnection?) {
        self.local = local
        self.redis = redis
    }

    /// The cached user, or the one `load` returns (which is then cached).
    func user(_ id: UserID, load: () throws -> CurrentUser?) throws -> CurrentUser? {
        guard let redis else { return try local.user(id, load: load) }
        let key = Self.key(id)
        do {
            if let bytes = try redis.get(key), let user = try? JSONDecoder().decode(CurrentUser.self, from: Data(bytes))
            {
                return user
            }
        } catch {
            // While Redis is skipped, the first failure has been logged already.
            if error != .skipped { Log.warning("auth cache: \(error); reading user \(id) from the database") }
            return try load()
        }
        guard let user = try load() else { return nil }
        if let bytes = try? JSONEncoder().encode(user) {
            do {
                try redis.set(key, Array(bytes), expiresIn: Self.lifetime)
            } catch {
                if error != .skipped { Log.warning("auth cache: \(error)") }
            }
        }
        return user
    }

    /// Forgets a user after a change to their status, role or token version.
    func invalidate(_ id: UserID) {
        local.invalidate(id)
        guard let redis else { return }
        do {
            try redis.delete(Self.key(id))
        } catch {
            Log.error(
                "auth cache: could not invalidate user \(id) in Redis (\(error)); it expires within \(Self.lifetime) s")
        }
    }

    private static func key(_ id: UserID) -> String { "nyumba:auth:user:\(id.raw)" }
}
