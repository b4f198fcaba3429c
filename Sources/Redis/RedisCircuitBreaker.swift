import Glibc
import Locking

/// Skips a Redis server for a few seconds after a connection to it failed, for every
/// connection of the process: a server that is down or drops packets then costs one
/// timeout per pause, not one per command (callers fall back to what they do without Redis).
public final class RedisCircuitBreaker: Sendable {
    /// How long a failure keeps the server skipped.
    public let pauseNanoseconds: Int
    private let openUntil = Locked<[String: Int]>([:])

    /// The breaker every `RedisConnection` uses unless given another: 5 seconds.
    public static let shared = RedisCircuitBreaker(pauseSeconds: 5)

    /// Creates a breaker that skips a failed server for `pauseSeconds`.
    public init(pauseSeconds: Double) {
        pauseNanoseconds = Int(pauseSeconds * 1_000_000_000)
    }

    /// True while `server` is being skipped.
    public func isOpen(_ server: String) -> Bool {
        let now = Self.now()
        return openUntil.withLock { ($0[server] ?? 0) > now }
    }

    /// Starts skipping `server`.
    public func recordFailure(_ server: String) {
        let until = Self.now() + pauseNanoseconds
        openUntil.withLock { $0[server] = until }
    }

    /// Stops skipping `server` (a command to it succeeded).
    public func recordSuccess(_ server: String) {
        openUntil.withLock { open in
            if open[server] != nil { open[server] = nil }
        }
    }

    private static func now() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }
}
