import Foundation
import Glibc

/// A folder that messages are dropped into as files, for transports that stand in for a real
/// one in development (emails as `.eml`, SMS as `.txt`).
///
/// Each file is written atomically (a temporary file, then a rename): a reader never sees half
/// of one. Files are not synced one by one; `sync` syncs the folder's file system once for all
/// written so far (one sync per batch of messages instead of one per message).
public struct FileDrop: Sendable {
    /// The folder; created on the first write if missing.
    public let directory: String

    /// A drop into `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes `bytes` as the file `name` and returns its path (visible at once, durable after `sync`).
    public func write(_ bytes: [UInt8], named name: String) throws(FileDropError) -> String {
        let path = directory + "/" + name
        let temporary = directory + "/." + name + ".tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw FileDropError(path: path, message: "\(error.localizedDescription)")
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
            throw FileDropError(path: path, message: String(cString: strerror(error)))
        }
        return path
    }

    /// Syncs the folder's file system, so that every file written so far survives a crash.
    public func sync() throws(FileDropError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(directory) }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw Self.failure(directory) }
    }

    /// `20260505T140309.123Z`: now in UTC, fixed width, so that file names sort chronologically.
    public static func timestamp() -> String {
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

    private static func failure(_ path: String) -> FileDropError {
        FileDropError(path: path, message: String(cString: strerror(errno)))
    }
}

/// A file or folder of a `FileDrop` that could not be written or synced, and why.
public struct FileDropError: Error, Sendable {
    public let path: String
    public let message: String
}

/// glibc's `syncfs(2)`, declared only under `_GNU_SOURCE`, which the Glibc module is not built with.
@_silgen_name("syncfs")
private func syncfs(_ descriptor: Int32) -> Int32
