import FileDrop

/// Writes each message as a `.eml` file instead of sending it (the development default).
///
/// Files are named `<UTC timestamp>-<Message-ID local part>.eml`, so they sort by time,
/// and written atomically (temporary file, then rename): a reader never sees half a file.
/// `send` does not sync each file; `flush` syncs the file system once for all of them
/// (one sync per batch of emails instead of one per email). See `FileDrop`.
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
        do throws(FileDropError) {
            return try FileDrop(directory: directory).write(bytes, named: fileName(for: message))
        } catch {
            throw .file(path: error.path, message: error.message)
        }
    }

    /// Syncs the folder's file system, so that every file written so far survives a crash.
    public func flush() throws(MailError) {
        do throws(FileDropError) {
            try FileDrop(directory: directory).sync()
        } catch {
            throw .file(path: error.path, message: error.message)
        }
    }

    private func fileName(for message: EmailMessage) -> String {
        let idPart = message.messageID.utf8.prefix(while: { $0 != UInt8(ascii: "@") }).filter {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
        let suffix = idPart.isEmpty ? Random.hex(byteCount: 8) : String(decoding: idPart.prefix(40), as: UTF8.self)
        return "\(FileDrop.timestamp())-\(suffix).eml"
    }
}
