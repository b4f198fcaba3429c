import Foundation

/// The words of an STK payment's amount mismatch, for the landlord's notifications tab.
struct PaymentNotices {
    let views: Views
    let config: Config

    /// The amount differs from what the tenant was asked to pay.
    func mismatch(reported amount: Int, _ request: LockedPaymentRequest, receipt: String?) -> String {
        "Amount differs: \(request.tenantName) (unit \(request.unitLabel)) was asked for "
            + "\(Money.kes(request.amount)) but M-Pesa reported \(Money.kes(amount))"
            + (receipt.map { ", receipt \($0)" } ?? "") + ". Check it against your M-Pesa statement."
    }
}
