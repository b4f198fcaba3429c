import Daraja
import Foundation
import MariaDB

/// Paybill (C2B) payments: a confirmation is stored once per TransID and, when its account
/// number matches an open lease on that shortcode, recorded through the `PaymentRecorder` —
/// all in one transaction. One that matches nothing waits for the shortcode's landlord, who
/// assigns it to a lease or marks it not rent; nothing is ever deleted.
struct C2BPayments {
    let db: Connection
    let views: Views
    let config: Config
    let versions: LandlordDataVersions

    /// What a confirmation did (also the `outcome` kept with its raw body).
    enum Outcome: String {
        /// Matched a lease and entered the ledger.
        case recorded
        /// Matched a lease whose ledger had this receipt already (through an STK callback).
        case inLedger = "in_ledger"
        /// Matched no lease: queued for the landlord or the operator.
        case unmatched
        /// This TransID was confirmed before: nothing changed.
        case duplicate
    }

    /// The deployment's shared shortcode ("" when payments are off).
    var defaultShortcode: String { config.daraja?.shortcode.shortcode ?? "" }

    /// Whether a payment with this account number would match a lease (for validation).
    func matches(_ notification: C2BNotification) throws -> Bool {
        try C2BStore(db: db).matchLease(
            account: PaybillAccount.canonical(notification.billRefNumber), shortcode: notification.businessShortCode,
            defaultShortcode: defaultShortcode) != nil
    }

    /// A confirmation's TransID was stored before without entering the ledger (it matched no
    /// lease then): the transaction must roll back the entry this one made, and the
    /// confirmation counts as a duplicate.
    struct AlreadyStored: Error {}

    /// Stores and settles one confirmation. A matched payment enters the ledger first (its
    /// receipt, the TransID, is unique there), then its row is stored once per TransID; throws
    /// `AlreadyStored` when that TransID was stored before without a ledger entry.
    func confirm(_ notification: C2BNotification) throws -> Outcome {
        let store = C2BStore(db: db)
        let facts = C2BPaymentFacts(notification)
        return try db.transaction {
            guard
                let basis = try store.matchLease(
                    account: PaybillAccount.canonical(facts.billRef), shortcode: facts.shortcode,
                    defaultShortcode: defaultShortcode)
            else {
                let owner = try store.owner(shortcode: facts.shortcode)
                guard try store.insertOnce(facts, landlord: owner, lease: nil, status: .unmatched) != nil else {
                    return .duplicate
                }
                if let owner, let landlord = try UserStore(db: db).user(id: owner) {
                    try Notifier(db: db, views: views, config: config).send(
                        UnmatchedPaymentNotice.notice(facts, to: landlord, config))
                }
                return .unmatched
            }
            let lease = basis.lease
            if let payment = try recorder.record(entry(facts, on: lease), basis: basis) {
                guard
                    try store.insertOnce(
                        facts, landlord: lease.landlordID, lease: lease.id, status: .recorded, payment: payment) != nil
                else { throw AlreadyStored() }
                return .recorded
            }
            // The receipt is in the ledger: this confirmation's twin, or an STK callback's.
            guard
                let id = try store.insertOnce(facts, landlord: lease.landlordID, lease: lease.id, status: .duplicate)
            else { return .duplicate }
            try store.settle(
                id, status: .duplicate, lease: lease.id, payment: try store.payment(receipt: facts.transID))
            return .inLedger
        }
    }

    /// Puts one of the landlord's unmatched payments on one of their leases; false if either
    /// is not theirs (or the payment was decided already).
    func assign(_ id: Int64, to leaseID: LeaseID, landlord: UserID) throws -> Bool {
        try LockConflictRetry.transaction(db) {
            let store = C2BStore(db: db)
            guard let payment = try store.lockUnmatched(id, landlord: landlord),
                let lease = try LedgerStore(db: db).lease(leaseID, landlord: landlord)
            else { return false }
            let facts = C2BPaymentFacts(
                transID: payment.transID, shortcode: payment.shortcode, amount: payment.amount,
                billRef: payment.billRef, msisdn: payment.msisdn, payerName: payment.payerName, paidAt: payment.paidAt)
            _ = try record(id, facts, on: lease, as: .assigned)
            return true
        }
    }

    /// Marks one of the landlord's unmatched payments as not rent; false if it is not theirs.
    func markNotRent(_ id: Int64, landlord: UserID, note: String) throws -> Bool {
        try db.transaction {
            let store = C2BStore(db: db)
            guard try store.lockUnmatched(id, landlord: landlord) != nil else { return false }
            try store.settle(id, status: .notRent, lease: nil, payment: nil, note: note)
            return true
        }
    }

    var recorder: PaymentRecorder {
        PaymentRecorder(db: db, views: views, config: config, versions: versions)
    }

    /// Records an assigned payment (stored before, unmatched) on the lease.
    private func record(_ id: Int64, _ facts: C2BPaymentFacts, on lease: LeaseDetails, as status: C2BPaymentStatus)
        throws -> Outcome
    {
        let store = C2BStore(db: db)
        if let payment = try recorder.record(entry(facts, on: lease)) {
            try store.settle(id, status: status, lease: lease.id, payment: payment)
            return .recorded
        }
        try store.settle(id, status: .duplicate, lease: lease.id, payment: try store.payment(receipt: facts.transID))
        return .inLedger
    }

    func entry(_ facts: C2BPaymentFacts, on lease: LeaseDetails) -> LedgerEntry {
        let phone: String? =
            if case .plain(let plain) = C2BPayerPhone(facts.msisdn) { plain } else { nil }
        return LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
            propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: facts.amount, channel: .c2b,
            receipt: facts.transID, phone: phone, paidAt: facts.paidAt)
    }
}
