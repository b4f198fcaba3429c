import Foundation

/// The words of a payment for the landlord's notifications tab and the tenant's receipt email.
struct PaymentNotices {
    let views: Views
    let config: Config

    /// "KES 12,500 received from NAME, unit A1".
    func received(_ amount: Int, _ request: LockedPaymentRequest) -> String {
        "\(Money.kes(amount)) received from \(request.tenantName), unit \(request.unitLabel) "
            + "(\(request.propertyName)) by M-Pesa."
    }

    /// The amount differs from what the tenant was asked to pay.
    func mismatch(reported amount: Int, _ request: LockedPaymentRequest, receipt: String?) -> String {
        "Amount differs: \(request.tenantName) (unit \(request.unitLabel)) was asked for "
            + "\(Money.kes(request.amount)) but M-Pesa reported \(Money.kes(amount))"
            + (receipt.map { ", receipt \($0)" } ?? "") + ". Check it against your M-Pesa statement."
    }

    /// The tenant's receipt email (kind `payment_receipt`).
    func receiptEmail(
        _ payment: PaymentID, amount: Int, receipt: String?, paidAt: Date, _ request: LockedPaymentRequest
    ) -> EmailDraft {
        var model: [String: Any] = [
            "amount": Money.kes(amount), "unit": request.unitLabel, "propertyName": request.propertyName,
            "paidAt": NairobiTime.dateTime(paidAt), "phone": request.phone,
            "receiptURL": config.link("/tenant/payments/\(payment.raw)/receipt"),
        ]
        if let receipt { model["receipt"] = receipt }
        return EmailComposer(views: views, config: config).draft(
            .paymentReceipt, to: (request.tenantName, request.tenantEmail),
            subject: "Payment received: \(Money.kes(amount)) for unit \(request.unitLabel)", model,
            landlordID: request.landlordID)
    }
}
