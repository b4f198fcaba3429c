/// Tells a landlord that M-Pesa reported another amount than the tenant was asked for (notifications tab).
struct AmountMismatch: NoticeModel {
    static let kind = NoticeKind.amountMismatch
    let tenantName: String
    let unit: String
    let asked: Figure
    let reported: Figure
    let receipt: String?

    static func notice(reported amount: Int, _ request: LockedPaymentRequest, receipt: String?)
        -> Notice<AmountMismatch>
    {
        Notice(
            recipient: NoticeRecipient(userID: request.landlordID, name: "", email: ""),
            model: AmountMismatch(
                tenantName: request.tenantName, unit: request.unitLabel, asked: .money(request.amount),
                reported: .money(amount), receipt: receipt),
            landlordID: request.landlordID, link: "/landlord/leases/\(request.leaseID)")
    }
}

/// Tells a landlord that a paybill payment to their shortcode matched no lease (SMS and notifications tab).
struct UnmatchedPaymentNotice: NoticeModel {
    static let kind = NoticeKind.unmatchedPayment
    let amount: Figure
    let account: String
    let shortcode: String
    let receipt: String
    let unmatchedURL: String

    static func notice(_ facts: C2BPaymentFacts, to landlord: CurrentUser, _ config: Config) -> Notice<
        UnmatchedPaymentNotice
    > {
        Notice(
            recipient: NoticeRecipient(landlord),
            model: UnmatchedPaymentNotice(
                amount: .money(facts.amount), account: facts.billRef, shortcode: facts.shortcode,
                receipt: facts.transID, unmatchedURL: config.link(UnmatchedPaymentsRoutes.path)),
            landlordID: landlord.id, link: UnmatchedPaymentsRoutes.path)
    }
}

/// Tells a landlord their M-Pesa settings were changed or removed, when and from where.
struct MpesaSettingsChanged: NoticeModel {
    static let kind = NoticeKind.mpesaSettingsChanged
    let removed: Bool
    let time: Figure
    let address: String
    let settingsURL: String
    let forgotURL: String
}
