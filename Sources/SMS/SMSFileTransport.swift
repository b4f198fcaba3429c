import Foundation

/// Writes each message as a text file instead of sending it (the development default when no
/// gateway is configured).
///
/// Files are named `<UTC timestamp>-<random>.txt`, so they sort by time, and written
/// atomically: a reader never sees half a file. The head lists the recipients, the sender
/// ID, the encoding and the parts; the text follows a blank line.
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
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return message.recipients.enumerated().map { index, number in
            SMSRecipientResult(
                number: number.international, statusCode: 100, status: "Processed", messageID: "\(stem).\(index + 1)",
                cost: "", parts: message.segments.count)
        }
    }

    /// Writes `message` and returns the path of the new file.
    @discardableResult
    public func write(_ message: SMSMessage) throws(SMSError) -> String {
        let segments = message.segments
        var head = "To: \(message.recipients.map(\.international).joined(separator: ", "))\n"
        if let sender = message.senderID { head += "From: \(sender)\n" }
        head += "Encoding: \(segments.encoding.rawValue)\nParts: \(segments.count)\n\n"
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let file = folder.appendingPathComponent("\(Self.timestamp(Date()))-\(Self.randomHex()).txt")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((head + message.text + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            throw .file(path: file.path, message: "\(error.localizedDescription)")
        }
        return file.path
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

    private static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
}
