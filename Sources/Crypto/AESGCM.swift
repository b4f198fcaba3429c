internal import COpenSSL

/// AES-256-GCM authenticated encryption in a self-describing layout:
/// `version (1) | nonce (12) | ciphertext | tag (16)`.
public enum AESGCM {
    /// The required key length in bytes.
    public static let keyLength = 32
    static let version: UInt8 = 1
    static let nonceLength = 12
    static let tagLength = 16
    static let overhead = 1 + nonceLength + tagLength

    /// Encrypts and authenticates `plaintext` (and authenticates `associatedData`) under a 32-byte key,
    /// with a fresh random nonce each call.
    public static func seal(
        _ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try checkKey(key)
        precondition(plaintext.count < Int(Int32.max) && associatedData.count < Int(Int32.max), "AESGCM: too large")
        let nonce = SecureRandom.bytes(nonceLength)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: tagLength)
        withContext { context in
            var length: Int32 = 0
            check(EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce))
            authenticate(context, [version] + associatedData)
            if !plaintext.isEmpty {
                check(EVP_EncryptUpdate(context, &ciphertext, &length, plaintext, Int32(plaintext.count)))
            }
            check(EVP_EncryptFinal_ex(context, &tag, &length))
            check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag))
        }
        return [version] + nonce + ciphertext + tag
    }

    /// Checks and decrypts the output of `seal` made with the same key and associated data.
    ///
    /// Throws `.authenticationFailed` for a wrong key, changed bytes or an unknown version, `.malformed` if too short.
    public static func open(
        _ sealed: [UInt8], key: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try checkKey(key)
        guard sealed.count >= overhead else { throw .malformed }
        // Only version 1 exists; any other first byte is indistinguishable from tampering.
        guard sealed[0] == version else { throw .authenticationFailed }
        let nonce = Array(sealed[1...nonceLength])
        let ciphertext = Array(sealed[(1 + nonceLength)..<(sealed.count - tagLength)])
        var tag = Array(sealed.suffix(tagLength))
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
        let authentic = withContext { context in
            var length: Int32 = 0
            var finalBlock = [UInt8](repeating: 0, count: 16)
            check(EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce))
            authenticate(context, [version] + associatedData)
            if !ciphertext.isEmpty {
                check(EVP_DecryptUpdate(context, &plaintext, &length, ciphertext, Int32(ciphertext.count)))
            }
            check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag))
            return EVP_DecryptFinal_ex(context, &finalBlock, &length) == 1
        }
        guard authentic else { throw .authenticationFailed }
        return plaintext
    }

    private static func checkKey(_ key: [UInt8]) throws(CryptoError) {
        guard key.count == keyLength else { throw .invalidKeyLength(expected: keyLength, actual: key.count) }
    }

    /// Runs `body` with a fresh cipher context that is freed afterwards.
    private static func withContext<Result>(_ body: (OpaquePointer) -> Result) -> Result {
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new failed: out of memory") }
        defer { EVP_CIPHER_CTX_free(context) }
        return body(context)
    }

    /// Feeds additional authenticated data; the version byte is always bound in, so it cannot be swapped.
    private static func authenticate(_ context: OpaquePointer, _ data: [UInt8]) {
        var length: Int32 = 0
        check(EVP_CipherUpdate(context, nil, &length, data, Int32(data.count)))
    }

    /// Stops on an OpenSSL failure that valid arguments cannot cause.
    private static func check(_ status: Int32) {
        guard status == 1 else { fatalError("OpenSSL AES-GCM call failed unexpectedly") }
    }
}
