/// How a tenant can pay, as a reminder says it: the pay page of the app, and the M-Pesa
/// paybill (with the unit as account number) or till of the landlord, when known.
struct PayInstructions {
    let payURL: String
    let paybill: String?
    let till: String?

    /// A landlord's own M-Pesa settings if saved, else the deployment's; nil fields when neither.
    static func lookUp(landlord: UserID, store: ReminderStore, config: Config) throws -> PayInstructions {
        let payURL = config.link("/tenant/pay")
        let account = try store.mpesaAccount(landlord: landlord) ?? DeploymentMpesa.account(config)
        guard let account else { return PayInstructions(payURL: payURL, paybill: nil, till: nil) }
        return account.isTill
            ? PayInstructions(payURL: payURL, paybill: nil, till: account.number)
            : PayInstructions(payURL: payURL, paybill: account.number, till: nil)
    }
}

/// A paybill or till number.
struct MpesaNumber {
    let number: String
    /// Buy Goods (a till) rather than Pay Bill.
    let isTill: Bool
}
