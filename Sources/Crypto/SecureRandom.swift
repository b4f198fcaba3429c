internal import COpenSSL

/// Cryptographically secure random bytes and strings from OpenSSL's generator.
public enum SecureRandom {
    private static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// Returns `count` random bytes; stops the process if the generator fails, since nothing safe can follow.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "SecureRandom.bytes: count out of range")
        var buffer = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return buffer }
        guard RAND_bytes(&buffer, Int32(count)) == 1 else {
            fatalError("RAND_bytes failed: the system random generator is unavailable")
        }
        return buffer
    }

    /// Returns an unguessable token: `bytes` random bytes as unpadded base64url.
    public static func token(bytes count: Int = 32) -> String {
        Base64URL.encode(bytes(count))
    }

    /// Returns `count` uniformly random characters from `a-zA-Z0-9`, like Django's `get_random_string`.
    public static func alphanumeric(_ count: Int) -> String {
        precondition(count >= 0, "SecureRandom.alphanumeric: negative count")
        // Rejection sampling: 248 is the largest multiple of 62 that fits a byte, so `% 62` stays uniform.
        let limit = UInt8(alphanumerics.count * 4)
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            for byte in bytes(count - result.count + 8) where byte < limit && result.count < count {
                result.append(alphanumerics[Int(byte) % alphanumerics.count])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
