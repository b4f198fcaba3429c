import Foundation

/// Writes each message as a `.eml` file instead of sending it (the development default).
///
/// Files are named `<UTC timestamp>-<Message-ID local part>.eml`, so they sort by time,
/// and written atomically (temporary file, then rename): a reader never sees half a file.
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

    /// Writes `message` and returns the path of the new `.eml` file.
    @discardableResult
    public func write(_ message: EmailMessage) throws(MailError) -> String {
        let bytes = try message.rendered()
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let file = folder.appendingPathComponent(fileName(for: message))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: file, options: .atomic)
        } catch {
            throw .file(path: file.path, message: "\(error.localizedDescription)")
        }
        return file.path
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
