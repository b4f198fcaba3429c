/// A property's id; distinct from other ids so that they cannot be mixed up.
struct PropertyID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}

/// A unit's id.
struct UnitID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}
