import Foundation

/// One versioned SQL file, `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    /// The number before the first `_`; migrations run in this order.
    public let version: Int
    /// The part after the first `_`, without `.sql`.
    public let name: String
    /// The file's contents.
    public let sql: String
    /// A hash of `sql`, recorded when applied to notice later edits of the file.
    public let checksum: String

    /// Creates a migration from its parts.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        checksum = fnv1a64Hex(sql)
    }

    /// The file's statements, split by `SQLScript`.
    public func statements() throws -> [String] {
        try SQLScript.split(sql)
    }

    /// Loads every `*.sql` file of `directory`, ordered by version; throws on a badly
    /// named file or a version used twice.
    public static func load(directory: String) throws -> [Migration] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DatabaseError.migration("cannot list \(directory): \(error.localizedDescription)")
        }
        var byVersion: [Int: Migration] = [:]
        for file in files where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0
            else {
                throw DatabaseError.migration("\(file): name must look like 0001_description.sql")
            }
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path),
                let sql = String(data: data, encoding: .utf8)
            else {
                throw DatabaseError.migration("\(file): cannot read it as UTF-8")
            }
            let migration = Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql)
            if let other = byVersion[version] {
                throw DatabaseError.migration("\(file) and \(other.name) both have version \(version)")
            }
            byVersion[version] = migration
        }
        return byVersion.values.sorted { $0.version < $1.version }
    }
}

/// 64-bit FNV-1a as 16 hex digits: enough to notice an edited file, no crypto needed.
private func fnv1a64Hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
