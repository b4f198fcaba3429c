import Daraja
import Foundation
import MariaDB

extension C2BPayments {
    /// Stores and settles confirmations that arrived together (in order), each as `confirm` would:
    /// those whose account number is a unit's full one, for different TransIDs and leases, in one
    /// transaction with a few statements for all (`confirmMatched`); every other one in a
    /// transaction of its own (`confirm`), also all of them when the batch's transaction fails.
    /// `keep` runs in the transaction of each one's settlement, with its index and outcome.
    func confirm(batch notifications: [C2BNotification], keep: (Int, Outcome) throws -> Void) -> [Result<
        Outcome, any Error
    >] {
        SettlementBatches.settle(
            notifications.count, on: db, what: "C2B confirmations", together: { try confirmMatched(notifications) },
            alone: { try confirm(notifications[$0]) }, keep: keep)
    }

    /// A receipt entered the ledger between the batch's check and its insert: the batch rolls back
    /// and each confirmation is settled alone.
    struct ReceiptRecordedMeanwhile: Error {}

    /// Settles, with a few statements for all of them, the confirmations matched by a unit's full
    /// account number: one read of their leases (with their receipts' bases), one of the receipts in
    /// the ledger already, one insert of the payments not stored before (in TransID order; a TransID
    /// stored already is a duplicate), their ledger entries through `PaymentRecorder`'s batch, and
    /// each stored payment's link to its entry with the commit. Returns the outcome of each one it
    /// settled, by index; the others (no full account number, a second payment to a lease in the
    /// batch) are left for `confirm`. A second confirmation of a TransID settled here is a duplicate.
    private func confirmMatched(_ notifications: [C2BNotification]) throws -> [Int: Outcome] {
        let store = C2BStore(db: db)
        let all = notifications.map(C2BPaymentFacts.init)
        let accounts = all.map { PaybillAccount.canonical($0.billRef) }
        let leases = try store.leases(accounts: accounts, defaultShortcode: defaultShortcode)
        var picked: [(index: Int, facts: C2BPaymentFacts, basis: ReceiptBasis)] = []
        var twins: [Int] = []
        var pickedTransIDs = Set<String>()
        var seenLeases = Set<Int64>()
        for (index, facts) in all.enumerated() {
            // TransIDs are unique whatever their case (the column's collation).
            let transID = facts.transID.uppercased()
            if pickedTransIDs.contains(transID) {
                twins.append(index)
                continue
            }
            let key = PaybillKey(account: accounts[index], shortcode: facts.shortcode)
            guard let basis = leases[key], seenLeases.insert(basis.lease.id.raw).inserted else { continue }
            pickedTransIDs.insert(transID)
            picked.append((index, facts, basis))
        }
        guard !picked.isEmpty else { return [:] }
        picked.sort { $0.facts.transID < $1.facts.transID }
        let inLedger = try store.payments(receipts: picked.map(\.facts.transID))
        let stored = try store.insertNew(
            picked.map { item in
                let payment = inLedger[item.facts.transID]
                return NewC2BPayment(
                    facts: item.facts, landlord: item.basis.lease.landlordID, lease: item.basis.lease.id,
                    status: payment == nil ? .recorded : .duplicate, payment: payment)
            })
        let toRecord = picked.filter { stored[$0.facts.transID] != nil && inLedger[$0.facts.transID] == nil }
        let payments = try recorder.record(toRecord.map { (entry($0.facts, on: $0.basis.lease), $0.basis) })
        let links = try zip(toRecord, payments).map { item, payment in
            guard let payment, let id = stored[item.facts.transID] else { throw ReceiptRecordedMeanwhile() }
            return (id: id, payment: payment)
        }
        try store.linkAtCommit(links)
        var outcomes: [Int: Outcome] = [:]
        for item in picked {
            outcomes[item.index] =
                stored[item.facts.transID] == nil
                ? .duplicate : inLedger[item.facts.transID] == nil ? .recorded : .inLedger
        }
        for index in twins { outcomes[index] = .duplicate }
        return outcomes
    }
}

extension C2BPaymentFacts {
    /// The facts of a confirmation, paid at its `TransTime` (Nairobi; now if unreadable).
    init(_ notification: C2BNotification) {
        self.init(
            transID: notification.transID, shortcode: notification.businessShortCode, amount: notification.amount,
            billRef: notification.billRefNumber, msisdn: notification.msisdn, payerName: notification.payerName,
            paidAt: DarajaTime.date(notification.transTime) ?? Date())
    }
}
