import Crypto

/// The short code tenants type at sign-up and the long token in the invite link.
enum PropertyCode {
    /// Upper-case letters and digits without the look-alikes 0/O and 1/I: 32 symbols.
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    static let length = 6

    /// A random 6-character code (30 bits; uniqueness is enforced by the database).
    static func make() -> String {
        // 32 symbols divide 256 evenly, so the low 5 bits of each byte are uniform.
        String(SecureRandom.bytes(length).map { alphabet[Int($0 & 31)] })
    }

    /// What a tenant typed, as stored: upper case, without spaces or dashes.
    static func normalize(_ typed: String) -> String {
        typed.uppercased().filter { !" -".contains($0) }
    }

    /// 128 random bits as 22 base64url characters.
    static func makeInviteToken() -> String {
        SecureRandom.token(bytes: 16)
    }
}
