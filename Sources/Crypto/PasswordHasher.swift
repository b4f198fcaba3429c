/// Hashes and verifies passwords in Django's `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` format,
/// so accounts can move between this app and a Django deployment.
public struct PasswordHasher: Sendable {
    /// The algorithm tag Django writes before the first `$`.
    public static let algorithm = "pbkdf2_sha256"
    /// Django's salt length: 22 alphanumerics carry about 131 bits.
    public static let saltLength = 22
    /// Stored hashes claiming more rounds than this are refused rather than run, so a bad row cannot stall a login.
    public static let maximumIterations = 100_000_000

    /// Rounds used for new hashes; stored hashes with fewer are flagged for rehashing.
    public let iterations: Int

    /// Creates a hasher using `iterations` rounds (production configuration requires at least 600,000).
    public init(iterations: Int = 600_000) {
        precondition(iterations > 0 && iterations <= Self.maximumIterations, "PasswordHasher: bad iteration count")
        self.iterations = iterations
    }

    /// Hashes `password` with a fresh random salt.
    public func hash(_ password: String) -> String {
        hash(password, salt: SecureRandom.alphanumeric(Self.saltLength))
    }

    /// Hashes `password` with the given salt, which must not contain `$`; prefer `hash(_:)`.
    public func hash(_ password: String, salt: String) -> String {
        precondition(!salt.isEmpty && !salt.contains("$"), "PasswordHasher: salt must be non-empty without '$'")
        let key = PBKDF2.sha256(password: Array(password.utf8), salt: Array(salt.utf8), iterations: iterations)
        return "\(Self.algorithm)$\(iterations)$\(salt)$\(Base64.encode(key))"
    }

    /// Checks `password` against a stored hash.
    ///
    /// An unreadable stored value still costs one full derivation at the configured count,
    /// so its timing matches a wrong password.
    public func verify(_ password: String, against encoded: String) -> Verification {
        guard let stored = StoredHash(encoded) else { return verifyDummy(password) }
        let key = PBKDF2.sha256(
            password: Array(password.utf8), salt: Array(stored.salt.utf8), iterations: stored.iterations)
        guard constantTimeEquals(key, stored.key) else { return .invalid }
        // Like Django's must_update: too few rounds, or a salt shorter than Django's entropy floor.
        let needsRehash = stored.iterations < iterations || stored.salt.utf8.count < Self.saltLength
        return Verification(isValid: true, needsRehash: needsRehash)
    }

    /// Burns the same time as `verify` and fails; call it for unknown accounts so they cannot be told apart.
    @discardableResult
    public func verifyDummy(_ password: String) -> Verification {
        _ = PBKDF2.sha256(
            password: Array(password.utf8), salt: Array("dummy-salt-for-timing".utf8), iterations: iterations)
        return .invalid
    }

    /// The outcome of checking a password.
    public struct Verification: Equatable, Sendable {
        /// Whether the password matched.
        public let isValid: Bool
        /// Whether the caller should store a fresh `hash(_:)` of the password (only ever true when valid).
        public let needsRehash: Bool

        /// A failed check.
        public static let invalid = Verification(isValid: false, needsRehash: false)
    }
}

/// The parts of a stored `pbkdf2_sha256$…` value.
private struct StoredHash {
    let iterations: Int
    let salt: String
    let key: [UInt8]

    init?(_ encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == PasswordHasher.algorithm, !parts[2].isEmpty,
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let iterations = Int(parts[1]),
            iterations > 0, iterations <= PasswordHasher.maximumIterations,
            let key = Base64.decode(String(parts[3])), key.count == SHA256.byteCount
        else { return nil }
        self.iterations = iterations
        self.salt = String(parts[2])
        self.key = key
    }
}
