import Foundation
import Locking
import MariaDB
import Redis
import Web

/// The version of each landlord's data: every write that changes what a landlord or their tenants
/// see (a payment, a sign-up, a decision, a lease ending, units) bumps it after its transaction
/// commits (`landlordChanged(_:on:)`), and whatever was computed or rendered from an older version is
/// never served again (`cached(_:landlord:compute:)`, `AppContext.cachedPage`). The version lives in the
/// process, or in Redis (`nyumba:dash:gen:<landlord>`) when `NYUMBA_REDIS_URL` is set, so that every
/// responder sees a bump at once. A Redis failure never fails a request: callers then read the
/// database and cache nothing.
final class LandlordDataVersions: Sendable {
    /// How long anything cached under a version lives at most (also what bounds staleness if a bump
    /// could not reach Redis).
    static let lifetime = 120

    private static let maxValues = 20_000

    private struct Entry {
        let generation: Int
        let value: any Sendable
        let expires: Date
    }

    private struct State {
        var generations: [Int64: Int] = [:]
        var values: [String: Entry] = [:]
    }

    /// Where the versions are shared; nil keeps them in this process.
    let redis: RedisURL?
    private let state = Locked(State())

    init(redis: RedisURL?) {
        self.redis = redis
    }

    /// The landlord's current version: read it before reading the data that a cached value is made
    /// from. Nil when Redis cannot be reached (then nothing should be cached or served from a cache).
    func generation(of landlord: UserID) -> Int? {
        let local = state.withLock { $0.generations[landlord.raw, default: 0] }
        guard let redis else { return local }
        do {
            return try Self.generation(landlord, ThreadRedis.connection(redis))
        } catch {
            Log.warning("data versions: \(error); reading landlord \(landlord)'s data from the database")
            return nil
        }
    }

    /// The value computed under `key` for the landlord's current version, or the one `compute` returns
    /// (then kept for that version). Kept in the process and, when the versions are shared in Redis,
    /// there too for the other responders.
    func cached<Value: Codable & Sendable>(_ key: String, landlord: UserID, compute: () throws -> Value) throws
        -> Value
    {
        guard let generation = generation(of: landlord) else { return try compute() }
        let fullKey = "\(landlord.raw):\(key)"
        if let hit: Value = local(fullKey, generation) { return hit }
        let sharedKey = "nyumba:dash:fig:\(fullKey):\(generation)"
        if let redis, let bytes = try? ThreadRedis.connection(redis).get(sharedKey),
            let value = try? JSONDecoder().decode(Value.self, from: Data(bytes))
        {
            store(fullKey, generation, value)
            return value
        }
        let value = try compute()
        store(fullKey, generation, value)
        if let redis, let bytes = try? JSONEncoder().encode(value) {
            do {
                try ThreadRedis.connection(redis).set(sharedKey, Array(bytes), expiresIn: Self.lifetime)
            } catch {
                Log.warning("data versions: \(error)")
            }
        }
        return value
    }

    /// A value kept in this process only for the landlord's current version (for what is cheap to
    /// recompute on each responder, such as a count).
    func local<Value: Sendable>(_ key: String, landlord: UserID, compute: () throws -> Value) throws -> Value {
        guard let generation = generation(of: landlord) else { return try compute() }
        let fullKey = "\(landlord.raw):\(key)"
        if let hit: Value = local(fullKey, generation) { return hit }
        let value = try compute()
        store(fullKey, generation, value)
        return value
    }

    /// Bumps the landlord's version once `db`'s current transaction commits (at once outside one),
    /// so that no request can cache what it read before the change under the new version.
    func landlordChanged(_ landlord: UserID, on db: Connection) {
        db.afterCommit { [self] in bump(landlord) }
    }

    /// Bumps the landlord's version now.
    func bump(_ landlord: UserID) {
        state.withLock { $0.generations[landlord.raw, default: 0] += 1 }
        guard let redis else { return }
        do {
            try ThreadRedis.connection(redis).incr(Self.generationKey(landlord))
        } catch {
            Log.error(
                "data versions: could not bump landlord \(landlord) in Redis (\(error)); "
                    + "other responders may show data up to \(Self.lifetime) s old")
        }
    }

    private func local<Value>(_ key: String, _ generation: Int) -> Value? {
        let now = Date()
        return state.withLock { state in
            guard let entry = state.values[key], entry.generation == generation, entry.expires > now else {
                return nil
            }
            return entry.value as? Value
        }
    }

    private func store(_ key: String, _ generation: Int, _ value: any Sendable) {
        let entry = Entry(
            generation: generation, value: value, expires: Date().addingTimeInterval(Double(Self.lifetime)))
        state.withLock { state in
            // Crude but bounded: when full, start again (entries are cheap to recompute).
            if state.values.count >= Self.maxValues { state.values.removeAll(keepingCapacity: true) }
            state.values[key] = entry
        }
    }

    /// The landlord's version in Redis. A missing key (never bumped, or lost) starts at a random
    /// number, so that values stored under an earlier life of the key can never match again.
    private static func generation(_ landlord: UserID, _ redis: RedisConnection) throws(RedisError) -> Int {
        let key = generationKey(landlord)
        if let bytes = try redis.get(key), let value = Int(String(decoding: bytes, as: UTF8.self)) { return value }
        let start = Int.random(in: 1...(1 << 48))
        if try redis.setIfAbsent(key, Array(String(start).utf8), expiresIn: 30 * 24 * 3600) { return start }
        guard let bytes = try redis.get(key), let value = Int(String(decoding: bytes, as: UTF8.self)) else {
            throw .reply("the data version of landlord \(landlord) is not a number")
        }
        return value
    }

    private static func generationKey(_ landlord: UserID) -> String { "nyumba:dash:gen:\(landlord.raw)" }
}

/// One Redis connection per thread for the data versions and the figures cache (hiredis contexts are not thread-safe),
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
