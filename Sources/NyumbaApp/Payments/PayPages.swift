import Daraja
import Foundation

/// The view model of `payments/pay.mustache`.
struct PayPage {
    let layout: Layout
    var unitLabel = ""
    var propertyName = ""
    var balance = ""
    var hasBalance = false
    /// "Paybill 123456, Account no. KBC7A1", when the landlord is paid through a paybill.
    var paybill: String? = nil
    var amount = ""
    var phone = ""
    /// Why the tenant cannot pay by M-Pesa now (no lease, not set up…); the form is hidden.
    var unavailable: String? = nil
    /// A push still waiting for the PIN: link to its status page instead of a second push.
    var pendingURL: String? = nil
    /// That push got no clear answer: the tenant is told not to pay again.
    var pendingUnconfirmed = false
    let unconfirmedMessage = RentPayment.unconfirmedMessage
    var errors: [String: String] = [:]
}

/// The view model of `payments/status.mustache`: one STK push as its tenant follows it.
struct PaymentStatusPage {
    let layout: Layout
    let amount: String
    let phone: String
    let requestedAt: String
    let isPending: Bool
    let isPaid: Bool
    /// The outcome is unclear (an unknown result code): the landlord checks it.
    let needsReview: Bool
    /// The push got no clear answer: the payment may still come (never told "not paid").
    let isUnconfirmed: Bool
    /// The outcome in plain words once settled.
    let message: String
    let receipt: String?
    let receiptURL: String?

    init(layout: Layout, _ request: PaymentRequestRecord) {
        self.layout = layout
        amount = Money.kes(request.amount)
        phone = PhoneDisplay.local(request.phone)
        requestedAt = NairobiTime.dateTime(request.createdAt)
        isPending = request.status == .pending
        isPaid = request.status == .succeeded
        needsReview = request.status == .needsReview
        isUnconfirmed = request.status == .unconfirmed
        receipt = request.receipt
        receiptURL = request.paymentID.map { "/tenant/payments/\($0.raw)/receipt" }
        message = Self.message(request)
    }

    /// The outcome in plain words (also the API's `message`).
    static func message(_ request: PaymentRequestRecord) -> String {
        switch request.status {
        case .pending: "Check your phone"
        case .succeeded: "Paid"
        case .unconfirmed: RentPayment.unconfirmedMessage
        default:
            request.resultCode.map(STKOutcome.tenantMessage(resultCode:))
                ?? request.resultDesc ?? "The payment did not go through."
        }
    }
}

/// Phone numbers as Kenyans write them.
enum PhoneDisplay {
    /// `254712345678` → `0712345678`.
    static func local(_ phone: String) -> String {
        phone.hasPrefix("254") && phone.count == 12 ? "0" + phone.dropFirst(3) : phone
    }
}
