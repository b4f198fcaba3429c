/// Takes what is left of a charge off a lease's account with a credit that names it: the one way
/// to undo a charge (a mistake, or a late fee waived), since a charge is never edited.
struct ChargeReversal {
    let store: ChargeStore
    let versions: LandlordDataVersions

    enum Outcome: Equatable {
        case reversed(ChargeID)
        /// The charge was already wholly reversed (perhaps a moment ago, by another request).
        case nothingLeft
    }

    /// Credits the rest of `charge` today with `reason`; each charge is reversed at most once (its
    /// claim key), so two clicks or two landlords' tabs take it off once.
    func reverse(_ charge: ChargeLine, of lease: LeaseDetails, reason: String, by user: UserID, today: CalendarDay)
        throws -> Outcome
    {
        let left = try store.remaining(charge.id)
        guard left > 0 else { return .nothingLeft }
        let key = charge.kind == .lateFee ? "charge.text.waived" : "charge.text.reversed"
        var credit = NewCharge(
            lease: lease, kind: .credit, amount: left, dueOn: max(today, charge.dueOn),
            words: ChargeWords(key, about: charge.about))
        credit.reason = reason
        credit.reverses = charge.id
        credit.claimKey = "reverse:\(charge.id)"
        credit.createdBy = user
        guard let id = try store.add(credit, versions: versions) else { return .nothingLeft }
        return .reversed(id)
    }
}
