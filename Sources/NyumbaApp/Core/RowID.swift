/// A table's id with a type of its own (one for properties, one for leases, …), so that two kinds of
/// id can never be mixed up; each is a one-line struct conforming to this.
protocol RowID: Hashable, Sendable, CustomStringConvertible {
    var raw: Int64 { get }
    init(_ raw: Int64)
}

extension RowID {
    var description: String { String(raw) }

    /// The id in a route segment; nil (→ 404) if it is not a positive number.
    init?(segment: String?) {
        guard let segment, let raw = Int64(segment), raw > 0 else { return nil }
        self.init(raw)
    }
}
