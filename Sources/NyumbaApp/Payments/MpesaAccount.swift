import Daraja
import MariaDB

/// The shortcode and Daraja app through which a landlord's tenants pay: the landlord's
/// own settings when saved, otherwise the deployment's defaults.
struct MpesaAccount {
    let shortcode: DarajaShortcode
    let credentials: DarajaCredentials
    /// True when these are the landlord's own settings.
    let isOwn: Bool
}

/// Why a landlord's tenants cannot pay by M-Pesa now.
enum MpesaAccountProblem: Error {
    /// Neither the landlord nor the deployment has Daraja settings.
    case notSetUp
    /// The landlord's settings are stored but `NYUMBA_ENCRYPTION_KEY` does not open them.
    case unreadable

    /// Plain words for a tenant.
    var tenantMessage: Words {
        switch self {
        case .notSetUp: Words("pay.mpesa_not_set_up")
        case .unreadable: Words("pay.mpesa_unavailable")
        }
    }
}

/// Finds the M-Pesa account of a landlord.
struct MpesaAccounts {
    let db: Connection
    let config: Config

    func account(landlord: UserID) throws -> MpesaAccount {
        guard let daraja = config.daraja else { throw MpesaAccountProblem.notSetUp }
        guard let own = try MpesaSettingsStore(db: db).settings(landlord: landlord) else {
            return MpesaAccount(shortcode: daraja.shortcode, credentials: daraja.credentials, isOwn: false)
        }
        let secrets = MpesaSecrets(key: config.encryptionKey)
        do {
            let key = try secrets.open(own.consumerKey, landlord: landlord, field: "consumer_key")
            let secret = try secrets.open(own.consumerSecret, landlord: landlord, field: "consumer_secret")
            let passkey = try secrets.open(own.passkey, landlord: landlord, field: "passkey")
            return MpesaAccount(
                shortcode: DarajaShortcode(
                    shortcode: own.shortcode, passkey: passkey,
                    transactionType: DarajaShortcode.TransactionType(rawValue: own.transactionType) ?? .payBill,
                    partyB: own.partyB),
                credentials: DarajaCredentials(baseURL: daraja.baseURL, consumerKey: key, consumerSecret: secret),
                isOwn: true)
        } catch {
            throw MpesaAccountProblem.unreadable
        }
    }

    /// The account that a request made with `shortcode` went through, for asking Daraja about
    /// it later; nil if the landlord's settings changed since (or cannot be read).
    func account(landlord: UserID, shortcode: String) throws -> MpesaAccount? {
        if let current = try? account(landlord: landlord), current.shortcode.shortcode == shortcode {
            return current
        }
        if let daraja = config.daraja, daraja.shortcode.shortcode == shortcode {
            return MpesaAccount(shortcode: daraja.shortcode, credentials: daraja.credentials, isOwn: false)
        }
        return nil
    }
}
