import Foundation
import Glibc

/// Writes each message as a text file instead of sending it (the development default when no
/// gateway is configured).
///
/// Files are named `<UTC timestamp>-<random>.txt`, so they sort by time, and written
/// atomically (temporary file, then rename): a reader never sees half a file. The head lists
/// the recipients, the sender ID, the encoding and the parts; the text follows a blank line.
/// `send` does not sync each file; `flush` syncs the file system once for all of them (one
/// sync per batch of messages instead of one per message), as the email file transport does.
public struct SMSFileTransport: SMSTransport {
    /// The folder the files go into; created on first send if missing.
    public let directory: String

    /// A transport writing into `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes `message`; every recipient gets status 100 `Processed` and the message id
    /// `<file name without .txt>.<n>`, n counting recipients from 1.
    public func send(_ message: SMSMessage) throws(SMSError) -> [SMSRecipientResult] {
        let path = try write(message)
        let stem = String(path.split(separator: "/").last!.dropLast(4))
        return message.recipients.enumerated().map { index, number in
            SMSRecipientResult(
                number: number.international, statusCode: 100, status: "Processed", messageID: "\(stem).\(index + 1)",
                cost: "", parts: message.segments.count)
        }
    }

    /// Writes `message` and returns the path of the new file (visible at once, durable after `flush`).
    @discardableResult
    public func write(_ message: SMSMessage) throws(SMSError) -> String {
        let segments = message.segments
        var head = "To: \(message.recipients.map(\.international).joined(separator: ", "))\n"
        if let sender = message.senderID { head += "From: \(sender)\n" }
        head += "Encoding: \(segments.encoding.rawValue)\nParts: \(segments.count)\n\n"
        let name = "\(Self.timestamp())-\(Self.randomHex()).txt"
        let path = directory + "/" + name
        let temporary = directory + "/." + name + ".tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .file(path: path, message: "\(error.localizedDescription)")
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw Self.failure(path) }
        let bytes = Array((head + message.text + "\n").utf8)
        let written = bytes.withUnsafeBytes { buffer in Self.writeAll(descriptor, buffer) }
        let writeError = errno
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            let error = written ? errno : writeError
            unlink(temporary)
            throw .file(path: path, message: String(cString: strerror(error)))
        }
        return path
    }

    /// Files are synced by `flush`, not by `send`.
    public var sendsLazily: Bool { true }

    /// Syncs the folder's file system, so that every file written so far survives a crash.
    public func flush() throws(SMSError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(directory) }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw Self.failure(directory) }
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private static func failure(_ path: String) -> SMSError {
        .file(path: path, message: String(cString: strerror(errno)))
    }

    /// `20260505T140309.123Z`: UTC, fixed width, so names sort chronologically.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(Int(parts.tm_year) + 1900, 4) + digits(Int(parts.tm_mon) + 1, 2) + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + digits(Int(parts.tm_min), 2) + digits(Int(parts.tm_sec), 2) + "."
            + digits(Int(now.tv_nsec) / 1_000_000, 3) + "Z"
    }

    private static func randomHex() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// glibc's `syncfs(2)`, declared only under `_GNU_SOURCE`, which the Glibc module is not built with.
@_silgen_name("syncfs")
private func syncfs(_ descriptor: Int32) -> Int32
