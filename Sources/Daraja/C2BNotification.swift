import Crypto
import Foundation

/// A C2B payment as M-Pesa posts it to the Validation and Confirmation URLs: a flat object
/// whose every value is a string (`"TransAmount":"5.00"`).
public struct C2BNotification: Sendable, Equatable {
    /// "Pay Bill", "Buy Goods" or empty; informative only.
    public let transactionType: String
    /// The M-Pesa transaction id (the code in the payer's SMS); unique, the idempotency key.
    public let transID: String
    /// `yyyyMMddHHmmss`, Nairobi time.
    public let transTime: String
    /// Whole shillings.
    public let amount: Int
    /// The shortcode that received the payment.
    public let businessShortCode: String
    /// The account number as the payer typed it (may be empty, e.g. for a till).
    public let billRefNumber: String
    public let invoiceNumber: String
    public let orgAccountBalance: String
    public let thirdPartyTransID: String
    /// The payer's phone as M-Pesa gives it: plain, masked or SHA-256 hashed (see `C2BPayerPhone`).
    public let msisdn: String
    public let firstName: String
    public let middleName: String
    public let lastName: String

    /// The payer's name as M-Pesa gave it, parts joined by single spaces.
    public var payerName: String {
        [firstName, middleName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public init(
        transactionType: String = "Pay Bill", transID: String, transTime: String, amount: Int,
        businessShortCode: String, billRefNumber: String, invoiceNumber: String = "", orgAccountBalance: String = "",
        thirdPartyTransID: String = "", msisdn: String, firstName: String = "", middleName: String = "",
        lastName: String = ""
    ) {
        self.transactionType = transactionType
        self.transID = transID
        self.transTime = transTime
        self.amount = amount
        self.businessShortCode = businessShortCode
        self.billRefNumber = billRefNumber
        self.invoiceNumber = invoiceNumber
        self.orgAccountBalance = orgAccountBalance
        self.thirdPartyTransID = thirdPartyTransID
        self.msisdn = msisdn
        self.firstName = firstName
        self.middleName = middleName
        self.lastName = lastName
    }

    /// Parses a body strictly: a JSON object whose fields, when present, are strings; TransID,
    /// TransTime, TransAmount, BusinessShortCode and MSISDN are required and well formed; the
    /// amount is a decimal string of whole shillings (`"5"`, `"5.00"`). Throws `.malformedResponse`.
    public static func parse(_ body: [UInt8]) throws(DarajaError) -> C2BNotification {
        guard let root = JSONValue.object(body) else { throw .malformedResponse(.notAnObject) }
        func text(_ name: String, limit: Int, required: Bool = false) throws(DarajaError) -> String {
            guard let value = root[name], !JSONValue.isNull(value) else {
                if required { throw .malformedResponse(.missing(field: name)) }
                return ""
            }
            guard let string = value as? String else {
                throw .malformedResponse(.invalid(field: name, value: "\(value)"))
            }
            guard string.count <= limit else { throw .malformedResponse(.tooLong(field: name, limit: limit)) }
            // Whole characters, as the check before: a space followed by a combining mark is one
            // character, and a trim by scalars would have left it (and any newline) in place.
            guard string.first?.isWhitespace == true || string.last?.isWhitespace == true else { return string }
            let start = string.firstIndex { !$0.isWhitespace } ?? string.endIndex
            let end = string.lastIndex { !$0.isWhitespace }.map(string.index(after:)) ?? start
            return String(string[start..<end])
        }
        let transID = try text("TransID", limit: 20, required: true)
        guard !transID.isEmpty, transID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw .malformedResponse(.invalid(field: "TransID", value: transID))
        }
        let transTime = try text("TransTime", limit: 14, required: true)
        guard transTime.count == 14, transTime.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .malformedResponse(.invalid(field: "TransTime", value: transTime))
        }
        let amountText = try text("TransAmount", limit: 16, required: true)
        guard let amount = wholeShillings(amountText), amount > 0 else {
            throw .malformedResponse(.invalid(field: "TransAmount", value: amountText))
        }
        let shortcode = try text("BusinessShortCode", limit: 7, required: true)
        guard (5...7).contains(shortcode.count), shortcode.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .malformedResponse(.invalid(field: "BusinessShortCode", value: shortcode))
        }
        let msisdn = try text("MSISDN", limit: 64, required: true)
        return C2BNotification(
            transactionType: try text("TransactionType", limit: 40), transID: transID, transTime: transTime,
            amount: amount, businessShortCode: shortcode, billRefNumber: try text("BillRefNumber", limit: 40),
            invoiceNumber: try text("InvoiceNumber", limit: 40),
            orgAccountBalance: try text("OrgAccountBalance", limit: 24),
            thirdPartyTransID: try text("ThirdPartyTransID", limit: 40), msisdn: msisdn,
            firstName: try text("FirstName", limit: 60), middleName: try text("MiddleName", limit: 60),
            lastName: try text("LastName", limit: 60))
    }

    /// `"5"`, `"5.0"`, `"5.00"` → 5; a fraction, a sign, an exponent or anything else → nil.
    static func wholeShillings(_ text: String) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 9,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 2, parts[1].allSatisfy({ $0 == "0" }) else { return nil }
        }
        return Int(whole)
    }

    /// The documented JSON body (every value a string), as the simulator posts it.
    public var body: [UInt8] {
        JSONValue.encode([
            "TransactionType": transactionType, "TransID": transID, "TransTime": transTime,
            "TransAmount": "\(amount).00", "BusinessShortCode": businessShortCode, "BillRefNumber": billRefNumber,
            "InvoiceNumber": invoiceNumber, "OrgAccountBalance": orgAccountBalance,
            "ThirdPartyTransID": thirdPartyTransID, "MSISDN": msisdn, "FirstName": firstName,
            "MiddleName": middleName, "LastName": lastName,
        ])
    }
}

/// The payer's phone as C2B gives it: `2547XXXXXXXX`, masked (`2547 ***** 126`), or the
/// lowercase hex SHA-256 of `2547XXXXXXXX` (Register URL v1).
public enum C2BPayerPhone: Sendable, Equatable {
    case plain(String)
    case masked(String)
    case hashed(String)

    /// Reads an MSISDN field; anything that is neither a phone nor a hash counts as masked text.
    public init(_ msisdn: String) {
        let hex = msisdn.lowercased()
        if msisdn.count == 12, msisdn.hasPrefix("254"), msisdn.allSatisfy({ $0.isASCII && $0.isNumber }) {
            self = .plain(msisdn)
        } else if hex.count == 64, hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) {
            self = .hashed(hex)
        } else {
            self = .masked(msisdn)
        }
    }

    /// Whether `phone` (`2547XXXXXXXX`) is this payer's: equal, same hash, or fitting the mask
    /// (same leading and trailing digits; a weak hint only).
    public func matches(_ phone: String) -> Bool {
        switch self {
        case .plain(let plain): return plain == phone
        case .hashed(let hash):
            return SHA256.hash(Array(phone.utf8)).map { String(format: "%02x", $0) }.joined() == hash
        case .masked(let mask):
            let visible = mask.filter { $0 != " " }
            guard let star = visible.firstIndex(of: "*"), let lastStar = visible.lastIndex(of: "*") else {
                return false
            }
            let head = String(visible[..<star])
            let tail = String(visible[visible.index(after: lastStar)...])
            return !head.isEmpty && !tail.isEmpty && phone.hasPrefix(head) && phone.hasSuffix(tail)
        }
    }
}

/// Daraja's answers to the C2B Validation and Confirmation URLs.
public enum C2BAnswer {
    /// Validation: accept the payment.
    public static let accept: [UInt8] = Array(#"{"ResultCode":"0","ResultDesc":"Accepted"}"#.utf8)
    /// Validation: reject with one of the documented codes (`C2B00012` invalid account number…).
    public static func reject(_ code: String) -> [UInt8] {
        JSONValue.encode(["ResultCode": code, "ResultDesc": "Rejected"])
    }
    /// Confirmation: always ResultCode 0.
    public static let confirmed: [UInt8] = Array(#"{"ResultCode":0,"ResultDesc":"Success"}"#.utf8)
}
