/// Where a Redis server is: `redis://[:password@]host[:port][/db]` or
/// `unix:///path/to/redis.sock[?db=N]` (a password as `?password=…`).
public struct RedisURL: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var endpoint: Endpoint
    public var password: String?
    public var database: Int

    /// Parses the URL; throws `RedisError.invalidURL` naming what is wrong.
    public init(_ text: String) throws(RedisError) {
        var rest = Substring(text)
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                query[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            rest = rest[..<mark]
        }
        database =
            try query["db"].map { value throws(RedisError) in
                guard let number = Int(value), number >= 0 else { throw .invalidURL("db must be a number") }
                return number
            } ?? 0
        password = query["password"]
        if rest.hasPrefix("unix://") {
            let path = String(rest.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { throw .invalidURL("a unix socket path must be absolute") }
            endpoint = .unix(path: path)
            return
        }
        guard rest.hasPrefix("redis://") else { throw .invalidURL("expected redis:// or unix://") }
        rest = rest.dropFirst("redis://".count)
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            password = String(credentials.split(separator: ":", maxSplits: 1).last ?? "")
            rest = rest[rest.index(after: at)...]
        }
        if let slash = rest.firstIndex(of: "/") {
            let name = rest[rest.index(after: slash)...]
            if !name.isEmpty {
                guard let number = Int(name), number >= 0 else { throw .invalidURL("the database must be a number") }
                database = number
            }
            rest = rest[..<slash]
        }
        let hostPort = rest.split(separator: ":", maxSplits: 1).map(String.init)
        guard let host = hostPort.first, !host.isEmpty else { throw .invalidURL("no host") }
        let port = try hostPort.count > 1 ? Self.port(hostPort[1]) : 6379
        endpoint = .tcp(host: host, port: port)
    }

    private static func port(_ text: String) throws(RedisError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw .invalidURL("bad port \(text)") }
        return port
    }
}

/// What went wrong talking to Redis.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case connection(String)
    case reply(String)
    /// Not tried: a connection to this server failed moments ago (see `RedisCircuitBreaker`).
    case skipped

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid Redis URL: \(reason)"
        case .connection(let reason): "Redis connection failed: \(reason)"
        case .reply(let reason): "Redis answered with an error: \(reason)"
        case .skipped: "Redis skipped for a few seconds after a failed connection"
        }
    }
}
