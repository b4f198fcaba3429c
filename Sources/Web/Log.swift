import Foundation
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

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-"
            + padded(Int(parts.tm_mday), 2) + "T" + padded(Int(parts.tm_hour), 2) + ":"
            + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2) + "."
            + padded(now.tv_nsec / 1_000_000, 3) + "Z"
    }
}
