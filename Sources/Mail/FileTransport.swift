import Foundation
import Glibc

/// Writes each message as a `.eml` file instead of sending it (the development default).
///
/// Files are named `<UTC timestamp>-<Message-ID local part>.eml`, so they sort by time,
/// and written atomically (temporary file, then rename): a reader never sees half a file.
/// `send` does not sync each file; `flush` syncs the file system once for all of them
/// (one sync per batch of emails instead of one per email).
public struct FileTransport: MailTransport {
    /// The folder the files go into; created on first send if missing.
    public let directory: String

    /// A transport writing into `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes `message` and returns nothing; see `write(_:)` for the file's path.
    public func send(_ message: EmailMessage) throws(MailError) {
        _ = try write(message)
    }

    /// Writes `message` and returns the path of the new `.eml` file (visible at once,
    /// durable after `flush`).
    @discardableResult
    public func write(_ message: EmailMessage) throws(MailError) -> String {
        let bytes = try message.rendered()
        let name = fileName(for: message)
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

    /// Syncs the folder's file system, so that every file written so far survives a crash.
    public func flush() throws(MailError) {
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

    private static func failure(_ path: String) -> MailError {
        .file(path: path, message: String(cString: strerror(errno)))
    }

    private func fileName(for message: EmailMessage) -> String {
        let idPart = message.messageID.prefix(while: { $0 != "@" }).filter {
            $0.isASCII && ($0.isLetter || $0.isNumber)
        }
        let suffix = idPart.isEmpty ? Random.hex(byteCount: 8) : String(idPart.prefix(40))
        return "\(Self.timestamp(Date()))-\(suffix).eml"
    }

    /// `20260505T140309.123Z`: UTC, fixed width, so names sort chronologically.
    private static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!,
            parts.minute!, parts.second!, parts.nanosecond! / 1_000_000)
    }
}

/// glibc's `syncfs(2)`, declared only under `_GNU_SOURCE`, which the Glibc module is not built with.
@_silgen_name("syncfs")
private func syncfs(_ descriptor: Int32) -> Int32
