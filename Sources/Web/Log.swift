import Glibc
import Locking

/// Log lines to stderr. Whole lines are appended under a lock, so lines from several
/// threads never mix. Request lines, and info lines once the flusher runs (a server), are
/// buffered (one `write` per 16 KB, or within 250 ms by the flusher thread) because they
/// come with every request or payment; warnings and errors are written at once, after
/// whatever is buffered, so order is kept. A server calls `flush` before it exits.
public enum Log {
    private static let buffer = Locked<[UInt8]>([])
    private static let flushLimit = 16 << 10
    /// Whether the flusher runs, so that info lines may wait for it.
    private static let flusherRuns = Locked<Bool>(false)

    /// Writes `message` with a UTC timestamp and a level, at once.
    public static func write(_ level: String, _ message: String) {
        append("\(timestamp()) \(level) \(message)\n", flush: true)
    }

    /// Writes a request line; it reaches stderr within a quarter of a second.
    public static func request(_ message: String) {
        append("\(timestamp()) req \(message)\n", flush: false)
    }

    /// Writes out whatever is buffered.
    public static func flush() {
        buffer.withLock { pending in
            guard !pending.isEmpty else { return }
            pending.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Starts a thread that flushes buffered lines four times a second; from then on info
    /// lines are buffered too.
    public static func startFlusher() {
        flusherRuns.withLock { $0 = true }
        var thread = pthread_t()
        pthread_create(
            &thread, nil,
            { _ in
                while true {
                    usleep(250_000)
                    Log.flush()
                }
            }, nil)
        pthread_detach(thread)
    }

    private static func append(_ line: String, flush: Bool) {
        buffer.withLock { pending in
            pending.append(contentsOf: line.utf8)
            guard flush || pending.count >= flushLimit else { return }
            pending.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// An informational line: at once, or within 250 ms once the flusher runs.
    public static func info(_ message: String) {
        append("\(timestamp()) info \(message)\n", flush: !flusherRuns.withLock { $0 })
    }
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
        // Digits written by hand: strftime took ~1% of a payment's CPU (a few lines each).
        let fields: [(value: Int, width: Int, after: UInt8)] = [
            (Int(parts.tm_year) + 1900, 4, UInt8(ascii: "-")), (Int(parts.tm_mon) + 1, 2, UInt8(ascii: "-")),
            (Int(parts.tm_mday), 2, UInt8(ascii: "T")), (Int(parts.tm_hour), 2, UInt8(ascii: ":")),
            (Int(parts.tm_min), 2, UInt8(ascii: ":")), (Int(parts.tm_sec), 2, UInt8(ascii: ".")),
            (now.tv_nsec / 1_000_000, 3, UInt8(ascii: "Z")),
        ]
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var end = 0
            for field in fields {
                var value = field.value
                for place in stride(from: end + field.width - 1, through: end, by: -1) {
                    buffer[place] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                buffer[end + field.width] = field.after
                end += field.width + 1
            }
            return end
        }
    }
}
