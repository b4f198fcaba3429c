import Glibc

/// The server's own messages (start-up, shutdown), written to stderr in one write each.
enum FastCGILog {
    static func write(_ message: String) {
        let line = "fastcgi: \(message)\n"
        _ = line.utf8.withContiguousStorageIfAvailable { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
