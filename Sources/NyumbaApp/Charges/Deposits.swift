import Foundation
import MariaDB

/// A lease's deposit: charged at approval (the amount typed, or the property's months of rent),
/// held apart from rent (not income), and settled once when the lease has ended: what is refunded
/// to the tenant and what is kept against what they still owe.
struct Deposits {
    let db: Connection
    let versions: LandlordDataVersions

    /// Charges the new lease's deposit, due on its start (or today, for a lease starting later: a
    /// charge is never dated ahead); nothing when it comes to 0.
    func chargeAtApproval(
        lease: LeaseID, terms: LeaseTerms, request: TenancyRequest, landlord: UserID, today: CalendarDay
    ) throws {
        let months = try ChargeSettingsStore(db: db).settings(property: request.propertyID, landlord: landlord)
            .depositMonths
        let amount = terms.deposit ?? months * terms.monthlyRent
        guard amount > 0 else { return }
        let start = CalendarDay(iso: terms.startDate) ?? today
        var charge = NewCharge(
            lease: lease, tenant: request.tenantID, landlord: landlord, property: request.propertyID, kind: .deposit,
            amount: amount, dueOn: min(start, today), description: "")
        charge.words = ChargeWords("charge.text.deposit")
        charge.createdBy = landlord
        try ChargeStore(db: db).add(charge, versions: versions)
    }

    /// The lease's deposit: charged, held (paid: payments go to the oldest items first, and the
    /// deposit falls due at the start; as `LeaseStanding.depositHeld`) and its settlement, if any.
    func standing(_ lease: LeaseDetails) throws -> DepositStanding {
        let charged = try db.queryOne("SELECT deposit FROM leases WHERE id = ?", lease.id.raw)?.int("deposit") ?? 0
        let settlement = try db.queryOne(
            "SELECT refunded, kept, reason, settled_on FROM deposit_settlements WHERE lease_id = ?", lease.id.raw
        ).map {
            DepositSettlement(
                refunded: try $0.int("refunded"), kept: try $0.int("kept"), reason: try $0.optionalString("reason"),
                settledOn: try $0.day("settled_on"))
        }
        return DepositStanding(charged: charged, held: Self.held(charged, paid: lease.paid), settlement: settlement)
    }

    /// What is held of a deposit: as far as paid, since it falls due at the start and payments go to
    /// the oldest items first.
    static func held(_ deposit: Int, paid: Int) -> Int { max(0, min(deposit, paid)) }

    enum SettleOutcome: Equatable {
        case settled
        case invalid(Words, field: String)
        /// The lease is still open, has no deposit, or was settled already: nothing changed.
        case refused(Words)
    }

    /// Settles the deposit of an ended lease once: `kept` is credited against what the tenant owes
    /// (at most that: add a charge for repairs first), the rest is refunded to them outside Nyumba;
    /// any part of the deposit never paid is written off. `shown` is the lease as the route read it;
    /// its figures are read again under the lease's lock.
    func settle(
        _ shown: LeaseDetails, refunded: Int, kept: Int, reason: String?, by user: UserID, today: CalendarDay
    ) throws -> SettleOutcome {
        try LockConflictRetry.transaction(db) {
            // Locks the lease row, as a payment does (two settlements of one deposit wait for each other),
            // and reads it again under the lock: a payment recorded since the page was read counts.
            _ = try LedgerStore(db: db).lockTotals(shown.id)
            let lease = try LedgerStore(db: db).lease(shown.id, landlord: shown.landlordID) ?? shown
            guard !lease.isOpen else {
                return .refused(Words("deposit.lease_open"))
            }
            let deposit = try standing(lease)
            guard deposit.charged > 0 else { return .refused(Words("deposit.none")) }
            guard deposit.settlement == nil else { return .refused(Words("deposit.settled_already")) }
            guard refunded + kept == deposit.held else {
                return .invalid(Words("deposit.must_add_up", amounts: ["held": deposit.held]), field: "refunded")
            }
            let owed = max(0, lease.balance(asOf: today))
            guard kept <= owed else {
                return .invalid(Words("deposit.keep_at_most", amounts: ["owed": owed]), field: "kept")
            }
            if kept > 0 && reason == nil { return .invalid(Words("deposit.kept_reason"), field: "reason") }
            try db.execute(
                """
                INSERT INTO deposit_settlements (lease_id, landlord_id, property_id, deposit, held, refunded, kept,
                                                 reason, settled_on, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)
                """, lease.id.raw, lease.landlordID.raw, lease.propertyID.raw, deposit.charged, deposit.held, refunded,
                kept, reason, today.description, user.raw)
            try db.execute("UPDATE leases SET deposit_settled = 1 WHERE id = ?", lease.id.raw)
            let store = ChargeStore(db: db)
            for (amount, key, why) in [
                (kept, "charge.text.deposit_kept", reason),
                (deposit.charged - deposit.held, "charge.text.deposit_written_off", nil),
            ] where amount > 0 {
                var credit = NewCharge(
                    lease: lease, kind: .credit, amount: amount, dueOn: today, words: ChargeWords(key))
                credit.reason = why
                credit.createdBy = user
                try store.add(credit, versions: versions)
            }
            versions.landlordChanged(lease.landlordID, on: db)
            return .settled
        }
    }
}

/// A lease's deposit as shown.
struct DepositStanding: Equatable {
    let charged: Int
    let held: Int
    let settlement: DepositSettlement?
}

/// What the landlord did with a deposit at the end of its lease.
struct DepositSettlement: Equatable {
    let refunded: Int
    let kept: Int
    let reason: String?
    let settledOn: CalendarDay
}
