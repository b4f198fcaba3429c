import CHiredis
import Glibc

/// One connection to Redis for one thread (hiredis contexts are not thread-safe). It
/// connects on first use and again after any failure, so a restarted Redis is picked
/// up by the next call — once the circuit breaker's pause after that failure is over
/// (until then every command fails at once with `RedisError.skipped`).
public final class RedisConnection {
    private let url: RedisURL
    private let timeout: timeval
    private var context: UnsafeMutablePointer<redisContext>?
    private let breaker: RedisCircuitBreaker
    private let server: String

    /// Creates the connection; nothing is opened until the first command.
    public init(url: RedisURL, timeoutMilliseconds: Int = 500, breaker: RedisCircuitBreaker = .shared) {
        self.url = url
        timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        self.breaker = breaker
        server =
            switch url.endpoint {
            case .tcp(let host, let port): "\(host):\(port)"
            case .unix(let path): path
            }
    }

    deinit { close() }

    /// The value of `key`, or nil if absent.
    public func get(_ key: String) throws(RedisError) -> [UInt8]? {
        try command(["GET", key]).bytes
    }

    /// Sets `key` to `value` for `seconds`.
    public func set(_ key: String, _ value: [UInt8], expiresIn seconds: Int) throws(RedisError) {
        _ = try command([Array("SET".utf8), Array(key.utf8), value, Array("EX".utf8), Array(String(seconds).utf8)])
    }

    /// Adds one to the number at `key` (a missing key counts as 0) and returns the new value.
    @discardableResult
    public func incr(_ key: String) throws(RedisError) -> Int {
        guard let value = try command(["INCR", key]).integer else { throw .reply("non-integer reply to INCR") }
        return value
    }

    /// Sets `key` to `value` for `seconds` unless it exists; true if it was set.
    @discardableResult
    public func setIfAbsent(_ key: String, _ value: [UInt8], expiresIn seconds: Int) throws(RedisError) -> Bool {
        try command([
            Array("SET".utf8), Array(key.utf8), value, Array("NX".utf8), Array("EX".utf8), Array(String(seconds).utf8),
        ]).bytes != nil
    }

    /// Deletes keys; returns how many existed.
    @discardableResult
    public func delete(_ keys: String...) throws(RedisError) -> Int {
        try command(["DEL"] + keys).integer ?? 0
    }

    /// Closes the connection (the next command opens a new one).
    public func close() {
        if let context { redisFree(context) }
        context = nil
    }

    private func command(_ arguments: [String]) throws(RedisError) -> Reply {
        try command(arguments.map { Array($0.utf8) })
    }

    private func command(_ arguments: [[UInt8]]) throws(RedisError) -> Reply {
        if breaker.isOpen(server) {
            close()
            throw .skipped
        }
        let context: UnsafeMutablePointer<redisContext>
        do {
            context = try connected()
        } catch {
            if case .connection = error { breaker.recordFailure(server) }
            throw error
        }
        let reply = Self.send(arguments, on: context)
        guard let reply else {
            let reason = Self.errorText(context)
            close()
            breaker.recordFailure(server)
            throw .connection(reason)
        }
        defer { freeReplyObject(reply) }
        breaker.recordSuccess(server)
        return try Reply(reply.assumingMemoryBound(to: redisReply.self).pointee)
    }

    private func connected() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let context { return context }
        let opened: UnsafeMutablePointer<redisContext>? =
            switch url.endpoint {
            case .tcp(let host, let port): redisConnectWithTimeout(host, Int32(port), timeout)
            case .unix(let path): redisConnectUnixWithTimeout(path, timeout)
            }
        guard let opened else { throw .connection("out of memory") }
        guard opened.pointee.err == 0 else {
            let reason = Self.errorText(opened)
            redisFree(opened)
            throw .connection(reason)
        }
        redisSetTimeout(opened, timeout)
        context = opened
        if let password = url.password { _ = try command(["AUTH", password]) }
        if url.database != 0 { _ = try command(["SELECT", String(url.database)]) }
        return opened
    }

    private static func send(_ arguments: [[UInt8]], on context: UnsafeMutablePointer<redisContext>)
        -> UnsafeMutableRawPointer?
    {
        let lengths = arguments.map(\.count)
        let pointers = arguments.map { bytes -> UnsafeMutablePointer<CChar> in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBytes { copy.update(from: $0.bindMemory(to: CChar.self).baseAddress!, count: bytes.count) }
            return copy
        }
        defer { for pointer in pointers { pointer.deallocate() } }
        var constPointers = pointers.map { UnsafePointer<CChar>?($0) }
        return constPointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { argvlen in
                redisCommandArgv(context, Int32(arguments.count), argv.baseAddress, argvlen.baseAddress)
            }
        }
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// The parts of a reply this client uses.
private struct Reply {
    var bytes: [UInt8]?
    var integer: Int?

    init(_ reply: redisReply) throws(RedisError) {
        switch reply.type {
        case REDIS_REPLY_ERROR:
            throw .reply(String(cString: reply.str))
        case REDIS_REPLY_STRING, REDIS_REPLY_STATUS:
            bytes = Array(UnsafeRawBufferPointer(start: reply.str, count: reply.len))
        case REDIS_REPLY_INTEGER:
            integer = Int(reply.integer)
        default:
            break
        }
    }
}
