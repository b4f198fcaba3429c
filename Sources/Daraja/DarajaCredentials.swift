/// Where and as whom to call Daraja (one OAuth token is shared per credential set).
public struct DarajaCredentials: Hashable, Sendable {
    /// e.g. `https://sandbox.safaricom.co.ke`, or `http://127.0.0.1:PORT` for the simulator.
    public var baseURL: String
    /// The developer app's consumer key.
    public var consumerKey: String
    /// The developer app's consumer secret.
    public var consumerSecret: String

    /// Creates a credential set.
    public init(baseURL: String, consumerKey: String, consumerSecret: String) {
        self.baseURL = baseURL
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
    }
}

/// A paybill or a till, with its passkey.
public struct DarajaShortcode: Hashable, Sendable {
    /// Paybill (`PartyB` = the paybill) or buy goods (`PartyB` = the till number).
    public enum TransactionType: String, Sendable {
        case payBill = "CustomerPayBillOnline"
        case buyGoods = "CustomerBuyGoodsOnline"
    }

    /// BusinessShortCode, 5–7 digits (for a till, the store/HO number).
    public var shortcode: String
    /// The Lipa na M-Pesa Online passkey.
    public var passkey: String
    /// Paybill or buy goods.
    public var transactionType: TransactionType
    /// = shortcode for a paybill; the till number for buy goods.
    public var partyB: String

    /// Creates a shortcode description.
    public init(shortcode: String, passkey: String, transactionType: TransactionType, partyB: String) {
        self.shortcode = shortcode
        self.passkey = passkey
        self.transactionType = transactionType
        self.partyB = partyB
    }
}
