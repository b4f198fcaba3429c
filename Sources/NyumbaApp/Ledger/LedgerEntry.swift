import Foundation

/// How money reached the landlord.
enum PaymentChannel: String, Sendable, CaseIterable {
    /// An STK push the tenant approved on their phone.
    case stk
    /// A payment the tenant started from the M-Pesa menu (paybill/till).
    case c2b
    /// Cash or a bank transfer, recorded by the landlord.
    case manual

    /// As shown in tables and on receipts.
    var label: String {
        switch self {
        case .stk: "M-Pesa (STK)"
        case .c2b: "M-Pesa (C2B)"
        case .manual: "Manual"
        }
    }
}

/// How a manual payment was made.
enum ManualMethod: String, Sendable, CaseIterable {
    case cash
    case bank

    /// As shown to people.
    var label: String { self == .cash ? "Cash" : "Bank transfer" }
}

/// One payment to append to the ledger; corrections are new entries, never edits.
struct LedgerEntry: Sendable {
    var leaseID: LeaseID
    var tenantID: UserID
    var landlordID: UserID
    var propertyID: Int64
    var unitID: Int64
    /// Whole shillings; negative only for a reversal.
    var amount: Int
    var channel: PaymentChannel
    /// The M-Pesa receipt number (unique across the ledger); nil for manual entries.
    var receipt: String?
    /// The landlord's reference for a manual entry (bank slip, cash book page…).
    var reference: String?
    var note: String?
    /// `2547XXXXXXXX` for M-Pesa payments.
    var phone: String?
    var paymentRequestID: Int64?
    /// Daraja's CheckoutRequestID for STK payments (unique across the ledger).
    var checkoutRequestID: String?
    /// When the money moved.
    var paidAt: Date
    /// The landlord who typed in a manual entry.
    var recordedBy: UserID?
    /// Cash or bank, for a manual entry.
    var method: ManualMethod?
    /// The one-time key of the form or API request that recorded it (unique per landlord).
    var idempotencyKey: String? = nil

    init(
        leaseID: LeaseID, tenantID: UserID, landlordID: UserID, propertyID: Int64, unitID: Int64, amount: Int,
        channel: PaymentChannel, receipt: String? = nil, reference: String? = nil, note: String? = nil,
        phone: String? = nil, paymentRequestID: Int64? = nil, checkoutRequestID: String? = nil, paidAt: Date,
        recordedBy: UserID? = nil, method: ManualMethod? = nil
    ) {
        self.leaseID = leaseID
        self.tenantID = tenantID
        self.landlordID = landlordID
        self.propertyID = propertyID
        self.unitID = unitID
        self.amount = amount
        self.channel = channel
        self.receipt = receipt
        self.reference = reference
        self.note = note
        self.phone = phone
        self.paymentRequestID = paymentRequestID
        self.checkoutRequestID = checkoutRequestID
        self.paidAt = paidAt
        self.recordedBy = recordedBy
        self.method = method
    }
}
