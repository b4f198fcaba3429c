internal import COpenSSL

/// SHA-256 message digest.
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// Returns the 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil) == 1, length == byteCount else {
            fatalError("EVP_Digest(SHA-256) failed")
        }
        return digest
    }
}

/// Keyed message authentication codes.
public enum HMAC {
    /// Returns HMAC-SHA256 of `message` under `key` (32 bytes).
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "HMAC key too long")
        var mac = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        // Implicit array-to-pointer conversion never passes NULL, so an empty key or message is fine.
        guard COpenSSL.HMAC(EVP_sha256(), key, Int32(key.count), message, message.count, &mac, &length) != nil,
            length == SHA256.byteCount
        else {
            fatalError("HMAC(SHA-256) failed")
        }
        return mac
    }
}

/// Compares two byte strings in time that depends only on their length, not on where they differ.
///
/// Returns false when the lengths differ (lengths are not treated as secret).
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard !lhs.isEmpty else { return true }
    return CRYPTO_memcmp(lhs, rhs, lhs.count) == 0
}
