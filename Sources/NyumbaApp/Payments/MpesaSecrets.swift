import Crypto
import Web

/// Seals and opens a landlord's Daraja secrets with AES-256-GCM under `NYUMBA_ENCRYPTION_KEY`.
/// The landlord and the field are bound in as associated data, so a sealed value copied
/// to another landlord or another column does not open.
struct MpesaSecrets {
    let key: [UInt8]

    /// The stored secrets of this landlord cannot be opened with this key.
    struct Unreadable: Error, CustomStringConvertible {
        let landlord: UserID
        var description: String {
            "mpesa_secrets unreadable landlord=\(landlord): NYUMBA_ENCRYPTION_KEY does not open them"
        }
    }

    func seal(_ value: String, landlord: UserID, field: String) throws -> [UInt8] {
        try AESGCM.seal(Array(value.utf8), key: key, associatedData: Self.associatedData(landlord, field))
    }

    /// The secret in clear; `Unreadable` (logged once here) for a wrong key or changed bytes.
    func open(_ sealed: [UInt8], landlord: UserID, field: String) throws(Unreadable) -> String {
        do {
            let bytes = try AESGCM.open(sealed, key: key, associatedData: Self.associatedData(landlord, field))
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            let unreadable = Unreadable(landlord: landlord)
            Log.error("\(unreadable) (\(field): \(error))")
            throw unreadable
        }
    }

    /// `••••1234`: only the last four characters, for showing a stored secret back.
    static func masked(_ secret: String) -> String {
        secret.count <= 4 ? "••••" : "••••" + secret.suffix(4)
    }

    private static func associatedData(_ landlord: UserID, _ field: String) -> [UInt8] {
        Array("landlord:\(landlord.raw):\(field)".utf8)
    }
}
