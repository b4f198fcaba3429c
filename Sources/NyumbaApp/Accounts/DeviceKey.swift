import Crypto
import Foundation

/// A signed mark a browser (the `device` cookie) or an API client (the `X-Device-Key`
/// header) receives when it signs in to an account: OWASP's device cookie. Proving that
/// this device signed in to the account before, it is not locked out by other people's
/// failed attempts on the account or from its network address.
struct DeviceKey: Equatable {
    let userID: UserID
    /// Random, so that one device's own failures can be counted (scope `device:<nonce>`).
    let nonce: String

    static let cookieName = "device"
    static let headerName = "x-device-key"
    static let lifetime = 365 * 24 * 60 * 60

    /// A new key for this account.
    static func make(for userID: UserID) -> DeviceKey {
        DeviceKey(userID: userID, nonce: SecureRandom.token(bytes: 16))
    }

    /// The key `value` carries, if it was signed with `key`; nil for anything else.
    static func verified(_ value: String?, key: [UInt8]) -> DeviceKey? {
        guard let value, value.count < 200 else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let id = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        let device = DeviceKey(userID: UserID(id), nonce: String(parts[1]))
        guard constantTimeEquals(Array(device.signature(key: key).utf8), Array(parts[2].utf8)) else { return nil }
        return device
    }

    /// `<user id>.<nonce>.<signature>`.
    func value(key: [UInt8]) -> String { "\(userID.raw).\(nonce).\(signature(key: key))" }

    private func signature(key: [UInt8]) -> String {
        Base64URL.encode(HMAC.sha256(key: key, message: Array("device:\(userID.raw):\(nonce)".utf8)))
    }
}

extension RequestSession {
    /// Sets the `device` cookie: this browser signed in (or signed up) as `device.userID`.
    func rememberDevice(_ device: DeviceKey, key: [UInt8]) {
        setCookie(DeviceKey.cookieName, device.value(key: key), maxAge: DeviceKey.lifetime)
    }
}
