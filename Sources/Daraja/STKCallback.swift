/// A parsed STK callback (strict: the documented shape, metadata read by Name, any item may be missing).
public struct STKCallback: Sendable, Equatable {
    /// MerchantRequestID.
    public let merchantRequestID: String
    /// CheckoutRequestID, the key to the pending push.
    public let checkoutRequestID: String
    /// ResultCode (0 = paid); map it with `STKOutcome`.
    public let resultCode: Int
    /// ResultDesc, for logs only.
    public let resultDesc: String
    /// "Amount" 1.00 → 1 (whole shillings; a fractional amount is a parse error).
    public let amount: Int?
    /// MpesaReceiptNumber.
    public let receipt: String?
    /// TransactionDate as digits yyyyMMddHHmmss (EAT).
    public let transactionDate: String?
    /// PhoneNumber as digits.
    public let phone: String?

    /// Creates a callback value (for tests and fakes).
    public init(
        merchantRequestID: String, checkoutRequestID: String, resultCode: Int, resultDesc: String,
        amount: Int? = nil, receipt: String? = nil, transactionDate: String? = nil, phone: String? = nil
    ) {
        self.merchantRequestID = merchantRequestID
        self.checkoutRequestID = checkoutRequestID
        self.resultCode = resultCode
        self.resultDesc = resultDesc
        self.amount = amount
        self.receipt = receipt
        self.transactionDate = transactionDate
        self.phone = phone
    }
}
