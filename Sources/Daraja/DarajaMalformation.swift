/// What is wrong with a body Daraja sent (an answer, an STK callback, a C2B notification): a
/// code with the field and value at fault, for the operator log. No words for people.
public enum DarajaMalformation: Sendable, Equatable, CustomStringConvertible {
    /// The body is not a JSON object.
    case notAnObject
    /// A required field is absent (`Body.stkCallback`, `TransID`, `access_token`…); `answer` is
    /// an excerpt of the body when it helps.
    case missing(field: String, answer: String = "")
    /// A field's value is not of the documented kind (a `TransAmount` of `12.50`).
    case invalid(field: String, value: String)
    /// A field is longer than the documented limit.
    case tooLong(field: String, limit: Int)
    /// The body is larger than `limit` bytes.
    case tooLarge(limit: Int)
    /// The request's content type is not JSON.
    case contentType(String)

    /// `missing field=TransID`, `invalid field=TransAmount value=12.50`…
    public var description: String {
        switch self {
        case .notAnObject: "not_an_object"
        case .missing(let field, let answer): "missing field=\(field)" + (answer.isEmpty ? "" : " answer=\(answer)")
        case .invalid(let field, let value): "invalid field=\(field) value=\(Self.excerpt(value))"
        case .tooLong(let field, let limit): "too_long field=\(field) limit=\(limit)"
        case .tooLarge(let limit): "too_large limit=\(limit)"
        case .contentType(let type): "content_type \(Self.excerpt(type))"
        }
    }

    /// At most 80 characters, without control characters (values come from outside).
    static func excerpt(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(80))
    }
}

/// Why Nyumba's own checks refused a Daraja call before sending it.
public enum DarajaRefusal: String, Sendable, Equatable {
    /// Not a Safaricom number (`2547…`, `2541…`).
    case phone
    /// Outside 1 to 250,000 shillings.
    case amount
    /// The callback URL is not an http(s) URL.
    case callbackURL = "callback_url"
    /// No letters or digits to make an account reference of.
    case accountReference = "account_reference"
    /// No CheckoutRequestID to query.
    case checkoutRequestID = "checkout_request_id"
    /// The shortcode, PartyB or passkey is missing or malformed.
    case shortcode
}
