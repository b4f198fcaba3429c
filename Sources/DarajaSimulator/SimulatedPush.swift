/// One STK push the simulator accepted, as `GET /sim/requests` lists it.
public struct SimulatedPush: Sendable, Equatable {
    /// The CheckoutRequestID handed out.
    public let checkoutRequestID: String
    /// The MerchantRequestID handed out.
    public let merchantRequestID: String
    /// PhoneNumber.
    public let phone: String
    /// Amount.
    public let amount: Int
    /// AccountReference.
    public let accountReference: String
    /// CallBackURL.
    public let callbackURL: String
    /// The outcome chosen: a ResultCode, or one of the special cases (9998, 9997, 9996, 4999, 5001).
    public let outcome: String
    /// The ResultCode of this push's callback and final query answer.
    public let resultCode: Int
    /// The receipt number of a successful push.
    public let receipt: String?
    /// Callbacks posted so far.
    public var callbacksSent: Int
    /// The HTTP status of each callback post (0 when the callback URL could not be reached).
    public var callbackStatuses: [Int]
    /// STK queries answered about this push.
    public var queries: Int
}
