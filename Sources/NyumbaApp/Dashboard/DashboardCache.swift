import Foundation
import Locking
import MariaDB
import Redis
import Web

/// Computed dashboard figures per landlord, valid for one *generation* of the landlord's data:
/// every write that changes figures (a payment, an approval, a lease ending, units) bumps the
/// generation after its transaction commits (`landlordChanged(_:on:)`), and entries of an older
/// generation are never served. The generation lives in the process, or in Redis
/// (`nyumba:dash:gen:<landlord>`) when `NYUMBA_REDIS_URL` is set, so that every responder sees a bump at
/// once. Figures are kept in the process (and also in Redis, for the other responders) under the
/// generation they were computed from. A Redis failure never fails a request: figures are then
/// computed from the database.
final class DashboardCache: Sendable {
    /// The process's cache; `configure` points it at Redis.
    static let shared = DashboardCache()

    /// How long an entry lives at most (also what bounds staleness if a bump could not reach Redis).
    static let lifetime = 120
    private static let maxEntries = 20_000

    private struct Entry {
        let generation: Int
        let figures: DashboardFigures
        let expires: Date
    }

    private struct State {
        var redis: RedisURL?
        var generations: [Int64: Int] = [:]
        var entries: [String: Entry] = [:]
        var pending: [Int64: (generation: Int, count: Int)] = [:]
    }

    private let state = Locked(State())

    /// Uses Redis for generations and shared figures (nil: this process only).
    func configure(redis: RedisURL?) {
        state.withLock { $0.redis = redis }
    }

    /// The figures under `key` for the landlord's current generation, or those `compute` returns.
    func figures(landlord: UserID, key: String, compute: () throws -> DashboardFigures) throws -> DashboardFigures {
        guard let generation = generation(of: landlord) else { return try compute() }
        let fullKey = "\(landlord.raw):\(key)"
        if let hit = local(fullKey, generation) { return hit }
        let redisURL = state.withLock { $0.redis }
        let sharedKey = "nyumba:dash:fig:\(fullKey):\(generation)"
        if let redisURL, let bytes = try? ThreadRedis.connection(redisURL).get(sharedKey),
            let figures = try? JSONDecoder().decode(DashboardFigures.self, from: Data(bytes))
        {
            store(fullKey, generation, figures)
            return figures
        }
        let figures = try compute()
        store(fullKey, generation, figures)
        if let redisURL, let bytes = try? JSONEncoder().encode(figures) {
            do {
                try ThreadRedis.connection(redisURL).set(sharedKey, Array(bytes), expiresIn: Self.lifetime)
            } catch {
                Log.warning("dashboard cache: \(error)")
            }
        }
        return figures
    }

    /// The landlord's current generation: read it before reading the data that a cached value is made
    /// from. Nil when Redis cannot be reached (then nothing should be cached or served from a cache).
    func generation(of landlord: UserID) -> Int? {
        let (redisURL, local) = state.withLock { ($0.redis, $0.generations[landlord.raw, default: 0]) }
        guard let redisURL else { return local }
        do {
            return try Self.generation(landlord, ThreadRedis.connection(redisURL))
        } catch {
            Log.warning("dashboard cache: \(error); reading landlord \(landlord)'s figures from the database")
            return nil
        }
    }

    /// The landlord's number of tenants waiting for approval (shown on every landlord page), kept in
    /// the process for the current generation: a sign-up and a decision bump it.
    func pendingCount(_ landlord: UserID, count: () throws -> Int) throws -> Int {
        guard let generation = generation(of: landlord) else { return try count() }
        if let hit = state.withLock({ $0.pending[landlord.raw] }), hit.generation == generation { return hit.count }
        let fresh = try count()
        state.withLock { $0.pending[landlord.raw] = (generation, fresh) }
        return fresh
    }

    /// Bumps the landlord's generation once `db`'s current transaction commits (at once outside one),
    /// so that no request can cache figures read before the change under the new generation.
    func landlordChanged(_ landlord: UserID, on db: Connection) {
        db.afterCommit { [self] in bump(landlord) }
    }

    /// Bumps the landlord's generation now.
    func bump(_ landlord: UserID) {
        let redisURL = state.withLock { state in
            state.generations[landlord.raw, default: 0] += 1
            return state.redis
        }
        guard let redisURL else { return }
        do {
            try ThreadRedis.connection(redisURL).incr(Self.generationKey(landlord))
        } catch {
            Log.error(
                "dashboard cache: could not bump landlord \(landlord) in Redis (\(error)); "
                    + "other responders may show figures up to \(Self.lifetime) s old")
        }
    }

    private func local(_ key: String, _ generation: Int) -> DashboardFigures? {
        let now = Date()
        return state.withLock { state in
            guard let entry = state.entries[key], entry.generation == generation, entry.expires > now else {
                return nil
            }
            return entry.figures
        }
    }

    private func store(_ key: String, _ generation: Int, _ figures: DashboardFigures) {
        let entry = Entry(
            generation: generation, figures: figures, expires: Date().addingTimeInterval(Double(Self.lifetime)))
        state.withLock { state in
            // Crude but bounded: when full, start again (entries are cheap to recompute).
            if state.entries.count >= Self.maxEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = entry
        }
    }

    /// The landlord's generation in Redis. A missing key (never bumped, or lost) starts at a random
    /// number, so that figures stored under an earlier life of the key can never match again.
    private static func generation(_ landlord: UserID, _ redis: RedisConnection) throws(RedisError) -> Int {
        let key = generationKey(landlord)
        if let bytes = try redis.get(key), let value = Int(String(decoding: bytes, as: UTF8.self)) { return value }
        let start = Int.random(in: 1...(1 << 48))
        if try redis.setIfAbsent(key, Array(String(start).utf8), expiresIn: 30 * 24 * 3600) { return start }
        guard let bytes = try redis.get(key), let value = Int(String(decoding: bytes, as: UTF8.self)) else {
            throw .reply("the dashboard generation of landlord \(landlord) is not a number")
        }
        return value
    }

    private static func generationKey(_ landlord: UserID) -> String { "nyumba:dash:gen:\(landlord.raw)" }
}

/// One Redis connection per thread for the dashboard cache (hiredis contexts are not thread-safe),
/// reachable from stores that only hold a database connection.
enum ThreadRedis {
    private static let key = "nyumba.dashboard.redis"

    static func connection(_ url: RedisURL) -> RedisConnection {
        let dictionary = Thread.current.threadDictionary
        if let connection = dictionary[key] as? RedisConnection { return connection }
        let connection = RedisConnection(url: url)
        dictionary[key] = connection
        return connection
    }
}
