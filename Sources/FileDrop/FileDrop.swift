import Foundation
import Glibc

/// A folder that messages are dropped into as files, for transports that stand in for a real
/// one in development (emails as `.eml`, SMS as `.txt`).
///
/// Each file is written atomically: a reader never sees half of one. It is written nameless
/// (`O_TMPFILE`) and linked in under its name once complete, so the folder is touched once; where
/// the file system cannot, it is written under a temporary name and renamed (in `make bench` the
/// temporary name's create and rename took 7.5% of the responder's CPU per payment). Files are
/// not synced one by one; `sync` syncs the folder's file system once for all written so far (one
/// sync per batch of messages instead of one per message).
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
        if try writeNameless(bytes, linkedAs: path) { return path }
        let temporary = directory + "/." + name + ".tmp"
        let descriptor = try openCreatingFolder(path) {
            open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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

    /// Writes `bytes` into a nameless file in the folder and links it in as `path`. False when the
    /// file system has no nameless files or the link failed (`path` exists, no `/proc`): nothing
    /// was left behind, and the caller writes the file under a temporary name instead.
    private func writeNameless(_ bytes: [UInt8], linkedAs path: String) throws(FileDropError) -> Bool {
        let descriptor = try openCreatingFolder(path) { open(directory, Self.nameless | O_WRONLY | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard bytes.withUnsafeBytes({ Self.writeAll(descriptor, $0) }) else { throw Self.failure(path) }
        return linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
    }

    /// `open()`'s descriptor, the folder created first if `open` found it missing.
    private func openCreatingFolder(_ path: String, _ open: () -> Int32) throws(FileDropError) -> Int32 {
        let descriptor = open()
        guard descriptor < 0 && errno == ENOENT else { return descriptor }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FileDropError(path: path, message: "\(error.localizedDescription)")
        }
        return open()
    }

    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Glibc's module leaves out (`_GNU_SOURCE`).
    private static let nameless: Int32 = 0o20_000_000 | O_DIRECTORY

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
