import Glibc

/// Log lines to stderr, one `write` each so that lines from several threads never mix.
public enum Log {
    /// Writes `message` with a UTC timestamp and a level.
    public static func write(_ level: String, _ message: String) {
        let line = "\(timestamp()) \(level) \(message)\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// An informational line.
    public static func info(_ message: String) { write("info", message) }
    /// A warning: something unexpected that was handled.
    public static func warning(_ message: String) { write("warn", message) }
    /// An error: something failed.
    public static func error(_ message: String) { write("error", message) }

    /// `2026-11-25T09:30:57.123Z`, formatted without Foundation: this runs for every request.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let millis = now.tv_nsec / 1_000_000
        let fraction = millis < 10 ? ".00\(millis)Z" : millis < 100 ? ".0\(millis)Z" : ".\(millis)Z"
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) + fraction
    }
}
