/// A lease's id; distinct from other ids so that they cannot be mixed up.
struct LeaseID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}

/// A ledger entry's id (a row of `payments`).
struct PaymentID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}
