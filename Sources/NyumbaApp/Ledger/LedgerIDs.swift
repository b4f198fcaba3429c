/// A lease's id; distinct from other ids so that they cannot be mixed up.
struct LeaseID: Hashable, Sendable, CustomStringConvertible {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
    var description: String { String(raw) }

    /// The id in a route segment; nil (→ 404) if it is not a positive number.
    init?(segment: String?) {
        guard let segment, let raw = Int64(segment), raw > 0 else { return nil }
        self.raw = raw
    }
}

/// A ledger entry's id (a row of `payments`).
struct PaymentID: Hashable, Sendable, CustomStringConvertible {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
    var description: String { String(raw) }

    /// The id in a route segment; nil (→ 404) if it is not a positive number.
    init?(segment: String?) {
        guard let segment, let raw = Int64(segment), raw > 0 else { return nil }
        self.raw = raw
    }
}
