/// What a line of a lease's account is, besides rent (which falls due by the schedule) and payments.
enum ChargeKind: String, CaseIterable, Sendable {
    case deposit
    case lateFee = "late_fee"
    case utility
    case serviceCharge = "service_charge"
    case oneOff = "one_off"
    /// Money taken off what the tenant owes (a negative amount), always with a reason.
    case credit

    var label: String {
        switch self {
        case .deposit: "Deposit"
        case .lateFee: "Late fee"
        case .utility: "Utility"
        case .serviceCharge: "Service charge"
        case .oneOff: "One-off charge"
        case .credit: "Credit"
        }
    }

    /// What a landlord may add by hand on a lease (the others come from their own features).
    static let addedByHand: [ChargeKind] = [.oneOff, .serviceCharge, .utility, .credit]
}

/// A charge's id (a row of `charges`).
struct ChargeID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}
