import Foundation
import Web

/// Records a cash or bank payment the landlord typed in, for the lease page and the API
/// alike: the ledger entry and the tenant's receipt email in one transaction.
struct ManualPayments {
    let context: AppContext

    /// Appends the payment to the lease (already checked to be the landlord's); returns its id.
    func record(_ value: ManualPaymentForm.Value, lease: LeaseDetails, today: CalendarDay) throws -> PaymentID {
        let store = LedgerStore(db: context.db)
        return try context.db.transaction {
            let id = try store.record(
                LedgerEntry(
                    leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
                    propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: value.amount,
                    channel: .manual, reference: value.reference, note: value.note,
                    paidAt: LeaseRoutes.paidAt(value.day, today: today), recordedBy: lease.landlordID,
                    method: value.method), versions: context.versions)
            guard let record = try store.receipt(id, landlord: lease.landlordID) else { throw HTTPError.notFound }
            try Outbox(db: context.db).enqueue(LedgerEmails(context: context).manualReceipt(record))
            return id
        }
    }
}
