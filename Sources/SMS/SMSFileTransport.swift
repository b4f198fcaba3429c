import FileDrop

/// Writes each message as a text file instead of sending it (the development default when no
/// gateway is configured).
///
/// Files are named `<UTC timestamp>-<random>.txt`, so they sort by time, and written
/// atomically (temporary file, then rename): a reader never sees half a file. The head lists
/// the recipients, the sender ID, the encoding and the parts; the text follows a blank line.
/// `send` does not sync each file; `flush` syncs the file system once for all of them (one
/// sync per batch of messages instead of one per message). See `FileDrop`.
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
        let name = "\(FileDrop.timestamp())-\(Self.randomHex()).txt"
        do throws(FileDropError) {
            return try FileDrop(directory: directory).write(Array((head + message.text + "\n").utf8), named: name)
        } catch {
            throw .file(path: error.path, message: error.message)
        }
    }

    /// Files are synced by `flush`, not by `send`.
    public var sendsLazily: Bool { true }

    /// Syncs the folder's file system, so that every file written so far survives a crash.
    public func flush() throws(SMSError) {
        do throws(FileDropError) {
            try FileDrop(directory: directory).sync()
        } catch {
            throw .file(path: error.path, message: error.message)
        }
    }

    private static func randomHex() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
