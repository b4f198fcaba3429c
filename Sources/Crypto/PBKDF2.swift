internal import COpenSSL

/// Password-based key derivation (PBKDF2, RFC 8018).
public enum PBKDF2 {
    /// Derives `keyLength` bytes from `password` and `salt` with PBKDF2-HMAC-SHA256 over `iterations` rounds.
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int = 32) -> [UInt8] {
        precondition(iterations > 0 && iterations <= Int(Int32.max), "PBKDF2: iterations must be positive")
        precondition(keyLength > 0 && keyLength <= Int(Int32.max), "PBKDF2: keyLength must be positive")
        precondition(password.count <= Int(Int32.max) && salt.count <= Int(Int32.max), "PBKDF2: input too long")
        let passwordCharacters = password.map { CChar(bitPattern: $0) }
        var key = [UInt8](repeating: 0, count: keyLength)
        let status = PKCS5_PBKDF2_HMAC(
            passwordCharacters, Int32(password.count), salt, Int32(salt.count),
            Int32(iterations), EVP_sha256(), Int32(keyLength), &key
        )
        guard status == 1 else { fatalError("PKCS5_PBKDF2_HMAC failed") }
        return key
    }
}
