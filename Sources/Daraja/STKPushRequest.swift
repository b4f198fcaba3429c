/// One STK push: who pays how much, and where M-Pesa posts the result.
public struct STKPushRequest: Sendable {
    /// Normalised `2547XXXXXXXX` or `2541XXXXXXXX`.
    public var phone: String
    /// Whole shillings, 1...250_000.
    public var amount: Int
    /// Public HTTPS URL the callback is posted to.
    public var callbackURL: String
    /// At most 12 alphanumerics, shown to the payer (the client filters and truncates).
    public var accountReference: String
    /// At most 13 characters (the client truncates).
    public var description: String

    /// Creates a push request.
    public init(phone: String, amount: Int, callbackURL: String, accountReference: String, description: String) {
        self.phone = phone
        self.amount = amount
        self.callbackURL = callbackURL
        self.accountReference = accountReference
        self.description = description
    }
}

/// Daraja's synchronous "accepted for processing" answer to a push.
public struct STKPushAccepted: Sendable, Equatable {
    /// Daraja's MerchantRequestID.
    public let merchantRequestID: String
    /// Daraja's CheckoutRequestID (`ws_CO_…`), the key for the callback and the query.
    public let checkoutRequestID: String
    /// Daraja's CustomerMessage.
    public let customerMessage: String

    /// Creates an answer (for tests and fakes).
    public init(merchantRequestID: String, checkoutRequestID: String, customerMessage: String) {
        self.merchantRequestID = merchantRequestID
        self.checkoutRequestID = checkoutRequestID
        self.customerMessage = customerMessage
    }
}

/// What the STK query said.
public enum STKQueryResult: Sendable, Equatable {
    /// Any final ResultCode (0 = paid).
    case completed(resultCode: Int, resultDesc: String)
    /// ResultCode 4999, or HTTP 500 errorCode 500.001.1001: no answer yet, ask later.
    case stillProcessing
}
