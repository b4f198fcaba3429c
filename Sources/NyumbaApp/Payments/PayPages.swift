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
        amount = layout.say.money(request.amount)
        phone = PhoneDisplay.local(request.phone)
        requestedAt = layout.say.dateTime(request.createdAt)
        isPending = request.status == .pending
        isPaid = request.status == .succeeded
        needsReview = request.status == .needsReview
        isUnconfirmed = request.status == .unconfirmed
        receipt = request.receipt
        receiptURL = request.paymentID.map { "/tenant/payments/\($0.raw)/receipt" }
        message = Self.message(request, layout.say)
    }

    /// The result codes with words of their own (`stk.result.<code>`); any other is `stk.result.other`.
    static let worded: Set<Int> = [0, 1, 2, 3, 4, 8, 17, 1001, 1019, 1025, 1032, 1037, 2001, 2028, 9999]

    /// The outcome in plain words (also the API's `message`). A refusal before M-Pesa answered, a
    /// timeout or a closed unconfirmed push is stored as its catalogue key (`daraja.busy`,
    /// `pay.status.timed_out`…); older rows kept a sentence, shown as it is.
    static func message(_ request: PaymentRequestRecord, _ say: Wording) -> String {
        switch request.status {
        case .pending: return say("pay.status.pending")
        case .succeeded: return say("pay.status.paid")
        case .unconfirmed: return say(RentPayment.unconfirmedMessage)
        default:
            if let code = request.resultCode {
                return say(Self.worded.contains(code) ? "stk.result.\(code)" : "stk.result.other")
            }
            guard let stored = request.resultDesc else { return say("pay.status.failed") }
            return say.knows(stored) ? say(stored) : stored
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
