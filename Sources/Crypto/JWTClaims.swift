/// The claims carried by a token; every token must expire.
public protocol JWTClaims: Codable, Sendable {
    /// Expiry, in whole seconds since 1970-01-01 UTC.
    var exp: Int { get }
}

/// The JOSE header: only `{"alg":"HS256"}` with an optional `"typ":"JWT"` is accepted.
struct JWTHeader: Decodable {
    static let encoded = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        // Anything beyond alg/typ (crit, jku, jwk, kid…) is a header we never issue.
        guard container.allKeys.allSatisfy({ $0.stringValue == "alg" || $0.stringValue == "typ" }),
            try container.decodeIfPresent(String.self, forKey: AnyKey("alg")) == "HS256"
        else { throw JWTError.badAlgorithm }
        if let type = try container.decodeIfPresent(String.self, forKey: AnyKey("typ")) {
            guard type.uppercased() == "JWT" else { throw JWTError.badAlgorithm }
        }
    }
}

/// The time claims, read from the payload whatever shape the caller's claims type has.
struct RegisteredClaims: Decodable {
    let exp: Double
    let nbf: Double?
    let iat: Double?
}

/// A coding key for any JSON object member.
private struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int? = nil

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
