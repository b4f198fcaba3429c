import Foundation
import Locking

/// Rendered page bodies kept in the process, so that a page read again and again (a landlord's
/// dashboard, a tenant's home) is rendered once per change of its data. Each entry is stored with
/// the *version* of the data it was rendered from (e.g. the landlord's dashboard generation, read
/// before the data); an entry is served only while the caller still asks for that same version, and
/// for at most `lifetime` seconds. The key must name everything else the body depends on: who asks,
/// the address and query, the day, and what the layout shows (see `Layout.cacheKey`).
/// Bounded by bytes: when full, the oldest entries are dropped, down to three quarters of it.
final class PageCache: Sendable {
    /// What a responder process keeps at most.
    static let processBytes = 24 << 20

    /// How long an entry lives at most (bounds staleness if a version bump was lost).
    static let lifetime: TimeInterval = 120
    /// Longer keys (a query full of junk) are rendered without caching.
    static let maxKeyLength = 1024

    private struct Entry {
        let version: String
        let body: [UInt8]
        let expires: Date
        /// When it was stored, in the order of stores.
        var sequence = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var stores = 0
    }

    private let maxBytes: Int
    private let state = Locked(State())

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// The body stored under `key` for `version`, or the one `render` makes (then stored).
    func body(_ key: String, version: String, render: () throws -> [UInt8]) rethrows -> [UInt8] {
        guard key.utf8.count <= Self.maxKeyLength else { return try render() }
        let now = Date()
        let hit = state.withLock { state -> [UInt8]? in
            guard let entry = state.entries[key], entry.version == version, entry.expires > now else { return nil }
            return entry.body
        }
        if let hit { return hit }
        let body = try render()
        store(key, Entry(version: version, body: body, expires: now.addingTimeInterval(Self.lifetime)))
        return body
    }

    /// The bytes held (bodies and keys).
    var storedBytes: Int { state.withLock { $0.bytes } }

    private func store(_ key: String, _ entry: Entry) {
        let size = entry.body.count + key.utf8.count
        guard size <= maxBytes / 8 else { return }
        state.withLock { state in
            var entry = entry
            state.stores += 1
            entry.sequence = state.stores
            if let old = state.entries.updateValue(entry, forKey: key) {
                state.bytes -= old.body.count + key.utf8.count
            }
            state.bytes += size
            guard state.bytes > maxBytes else { return }
            // The oldest first, down to three quarters, so that this sort runs once per quarter of
            // the budget.
            for (key, entry) in state.entries.sorted(by: { $0.value.sequence < $1.value.sequence }) {
                guard state.bytes > maxBytes * 3 / 4 else { break }
                state.entries[key] = nil
                state.bytes -= entry.body.count + key.utf8.count
            }
        }
    }
}
