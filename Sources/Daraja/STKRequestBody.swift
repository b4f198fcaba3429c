import Foundation

/// Builds and checks the JSON bodies Daraja expects, refusing what it would refuse.
enum STKRequestBody {
    static let maximumAmount = 250_000
    static let accountReferenceLength = 12
    static let descriptionLength = 13

    /// The `processrequest` body for `request`.
    static func push(
        _ request: STKPushRequest, shortcode: DarajaShortcode, timestamp: String
    ) throws(DarajaError) -> [UInt8] {
        try check(shortcode)
        guard isPhone(request.phone) else {
            throw .invalidRequest(.phone)
        }
        guard (1...maximumAmount).contains(request.amount) else {
            throw .invalidRequest(.amount)
        }
        let url = request.callbackURL
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), !url.contains(where: \.isWhitespace) else {
            throw .invalidRequest(.callbackURL)
        }
        let reference = String(request.accountReference.filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard !reference.isEmpty else {
            throw .invalidRequest(.accountReference)
        }
        let description = request.description.trimmingCharacters(in: .whitespacesAndNewlines)
        return JSONValue.encode([
            "BusinessShortCode": shortcode.shortcode,
            "Password": DarajaPassword.password(
                shortcode: shortcode.shortcode, passkey: shortcode.passkey, timestamp: timestamp),
            "Timestamp": timestamp,
            "TransactionType": shortcode.transactionType.rawValue,
            "Amount": request.amount,
            "PartyA": request.phone,
            "PartyB": shortcode.partyB,
            "PhoneNumber": request.phone,
            "CallBackURL": url,
            "AccountReference": String(reference.prefix(accountReferenceLength)),
            "TransactionDesc": String((description.isEmpty ? "Payment" : description).prefix(descriptionLength)),
        ])
    }

    /// The `stkpushquery` body for `checkoutRequestID`.
    static func query(
        checkoutRequestID: String, shortcode: DarajaShortcode, timestamp: String
    ) throws(DarajaError) -> [UInt8] {
        try check(shortcode)
        guard !checkoutRequestID.isEmpty, !checkoutRequestID.contains(where: \.isWhitespace) else {
            throw .invalidRequest(.checkoutRequestID)
        }
        return JSONValue.encode([
            "BusinessShortCode": shortcode.shortcode,
            "Password": DarajaPassword.password(
                shortcode: shortcode.shortcode, passkey: shortcode.passkey, timestamp: timestamp),
            "Timestamp": timestamp,
            "CheckoutRequestID": checkoutRequestID,
        ])
    }

    /// `254` then `7` or `1` then 8 digits (both are Safaricom ranges).
    static func isPhone(_ phone: String) -> Bool {
        let bytes = Array(phone.utf8)
        return bytes.count == 12 && phone.hasPrefix("254")
            && (bytes[3] == UInt8(ascii: "7") || bytes[3] == UInt8(ascii: "1"))
            && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func check(_ shortcode: DarajaShortcode) throws(DarajaError) {
        guard isShortcode(shortcode.shortcode), isShortcode(shortcode.partyB), !shortcode.passkey.isEmpty else {
            throw .invalidRequest(.shortcode)
        }
    }

    private static func isShortcode(_ value: String) -> Bool {
        (5...7).contains(value.utf8.count)
            && value.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
