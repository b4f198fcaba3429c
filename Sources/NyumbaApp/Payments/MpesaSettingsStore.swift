import Foundation
import MariaDB

/// A landlord's own shortcode and Daraja app as stored: the three secrets still sealed.
struct SealedMpesaSettings {
    let shortcode: String
    let transactionType: String
    let partyB: String
    let consumerKey: [UInt8]
    let consumerSecret: [UInt8]
    let passkey: [UInt8]

    init(row: Row) throws {
        shortcode = try row.string("shortcode")
        transactionType = try row.string("transaction_type")
        partyB = try row.string("party_b")
        consumerKey = try row.bytes("consumer_key_sealed")
        consumerSecret = try row.bytes("consumer_secret_sealed")
        passkey = try row.bytes("passkey_sealed")
    }

    init(
        shortcode: String, transactionType: String, partyB: String, consumerKey: [UInt8], consumerSecret: [UInt8],
        passkey: [UInt8]
    ) {
        self.shortcode = shortcode
        self.transactionType = transactionType
        self.partyB = partyB
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.passkey = passkey
    }
}

/// The SQL of landlords' M-Pesa settings.
struct MpesaSettingsStore {
    let db: Connection

    /// The landlord's own settings, if they saved any.
    func settings(landlord: UserID) throws -> SealedMpesaSettings? {
        try db.queryOne(
            """
            SELECT shortcode, transaction_type, party_b, consumer_key_sealed, consumer_secret_sealed, passkey_sealed
            FROM mpesa_settings WHERE landlord_id = ?
            """, landlord.raw
        ).map(SealedMpesaSettings.init)
    }

    /// Creates or replaces the landlord's settings.
    func save(_ settings: SealedMpesaSettings, landlord: UserID, versions: LandlordDataVersions) throws {
        try db.execute(
            """
            INSERT INTO mpesa_settings (landlord_id, shortcode, transaction_type, party_b, consumer_key_sealed,
                                        consumer_secret_sealed, passkey_sealed, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE shortcode = VALUES(shortcode), transaction_type = VALUES(transaction_type),
                party_b = VALUES(party_b), consumer_key_sealed = VALUES(consumer_key_sealed),
                consumer_secret_sealed = VALUES(consumer_secret_sealed), passkey_sealed = VALUES(passkey_sealed),
                updated_at = VALUES(updated_at)
            """, landlord.raw, settings.shortcode, settings.transactionType, settings.partyB, settings.consumerKey,
            settings.consumerSecret, settings.passkey)
        // The tenants' cached home pages show the paybill number.
        versions.landlordChanged(landlord, on: db)
    }

    /// Forgets the landlord's own settings (the deployment's defaults apply again).
    func delete(landlord: UserID, versions: LandlordDataVersions) throws {
        try db.execute("DELETE FROM mpesa_settings WHERE landlord_id = ?", landlord.raw)
        versions.landlordChanged(landlord, on: db)
    }

    /// Whether the landlord has M-Pesa refuse paybill payments that match no lease.
    func rejectsUnknownAccounts(landlord: UserID) throws -> Bool {
        try db.queryOne("SELECT c2b_validation FROM mpesa_settings WHERE landlord_id = ?", landlord.raw)?
            .int("c2b_validation") == 1
    }

    /// Turns that on or off (only for a landlord with settings of their own).
    func setRejectsUnknownAccounts(_ on: Bool, landlord: UserID) throws {
        try db.execute("UPDATE mpesa_settings SET c2b_validation = ? WHERE landlord_id = ?", on, landlord.raw)
    }
}
