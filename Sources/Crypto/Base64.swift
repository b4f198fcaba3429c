/// Standard base64 (RFC 4648 section 4, `+/` with `=` padding), as Daraja and Django's password format use.
public enum Base64 {
    /// Encodes `bytes` with padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        Base64Codec.standard.encode(bytes)
    }

    /// Decodes padded base64; returns nil for anything not in canonical form (bad characters, padding, whitespace).
    public static func decode(_ string: String) -> [UInt8]? {
        Base64Codec.standard.decode(string)
    }
}

/// URL-safe base64 (RFC 4648 section 5, `-_`, no padding), as JWTs and tokens in URLs use.
public enum Base64URL {
    /// Encodes `bytes` without padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        Base64Codec.url.encode(bytes)
    }

    /// Decodes unpadded base64url; returns nil for padding, characters outside the alphabet or non-canonical text.
    public static func decode(_ string: String) -> [UInt8]? {
        Base64Codec.url.decode(string)
    }
}
