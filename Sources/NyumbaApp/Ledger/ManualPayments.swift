import Foundation
import Web

/// Records a cash or bank payment the landlord typed in, for the lease page and the API
/// alike, through the `PaymentRecorder`.
struct ManualPayments {
    let context: AppContext

    /// Appends the payment to the lease (already checked to be the landlord's); returns its id.
    /// With a one-time `key` already used by this landlord, records nothing and returns the
    /// payment recorded then (a double click, a retried request).
    func record(_ value: ManualPaymentForm.Value, lease: LeaseDetails, today: CalendarDay, key: String? = nil)
        throws -> PaymentID
    {
        var entry = LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
            propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: value.amount, channel: .manual,
            reference: value.reference, note: value.note, paidAt: LeaseRoutes.paidAt(value.day, today: today),
            recordedBy: lease.landlordID, method: value.method)
        entry.idempotencyKey = OneTimeKey.read(key)
        if let id = try PaymentRecorder(
            db: context.db, views: context.views, config: context.config, versions: context.versions
        ).record(entry) {
            return id
        }
        // Only the one-time key can collide: a manual entry has no receipt or CheckoutRequestID.
        guard let key = entry.idempotencyKey,
            let id = try LedgerStore(db: context.db).payment(idempotencyKey: key, landlord: lease.landlordID)
        else { throw HTTPError.notFound }
        return id
    }
}
