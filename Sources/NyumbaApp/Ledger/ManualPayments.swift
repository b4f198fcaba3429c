import Foundation
import Web

/// Records a cash or bank payment the landlord typed in, for the lease page and the API
/// alike, through the `PaymentRecorder`.
struct ManualPayments {
    let context: AppContext

    /// Appends the payment to the lease (already checked to be the landlord's); returns its id.
    func record(_ value: ManualPaymentForm.Value, lease: LeaseDetails, today: CalendarDay) throws -> PaymentID {
        let entry = LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
            propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: value.amount, channel: .manual,
            reference: value.reference, note: value.note, paidAt: LeaseRoutes.paidAt(value.day, today: today),
            recordedBy: lease.landlordID, method: value.method)
        // A manual entry has neither receipt nor CheckoutRequestID, so it is never a duplicate.
        guard let id = try PaymentRecorder(db: context.db, views: context.views, config: context.config).record(entry)
        else { throw HTTPError.notFound }
        return id
    }
}
