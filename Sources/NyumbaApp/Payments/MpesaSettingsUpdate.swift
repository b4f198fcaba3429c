import MariaDB
import Web

/// A landlord's own M-Pesa settings for the settings page and the API alike: reading them
/// back with the secrets masked, and checking and sealing what was typed before saving it.
struct MpesaSettingsUpdate {
    /// The stored settings as they may be shown: every secret masked (`••••1234`).
    struct Masked {
        let shortcode: String
        let isTill: Bool
        let partyB: String
        /// Nil when the secrets cannot be opened (`unreadable`): they must be typed again.
        let consumerKey: String?
        let consumerSecret: String?
        let passkey: String?
        var unreadable: Bool { consumerKey == nil }
    }

    /// What was typed, trimmed (never the secrets), to show the form again.
    struct Typed {
        var shortcode = ""
        var isTill = false
        var partyB = ""
        /// The landlord had settings of their own before this save (the form offers to remove them).
        var hadOwn = false
    }

    let db: Connection
    let config: Config

    /// The landlord's own settings, masked; nil when they have none.
    func masked(landlord: UserID) throws -> Masked? {
        guard let stored = try MpesaSettingsStore(db: db).settings(landlord: landlord) else { return nil }
        let secrets = MpesaSecrets(key: config.encryptionKey)
        let opened = try? [
            secrets.open(stored.consumerKey, landlord: landlord, field: "consumer_key"),
            secrets.open(stored.consumerSecret, landlord: landlord, field: "consumer_secret"),
            secrets.open(stored.passkey, landlord: landlord, field: "passkey"),
        ].map(MpesaSecrets.masked)
        return Masked(
            shortcode: stored.shortcode, isTill: stored.transactionType == "CustomerBuyGoodsOnline",
            partyB: stored.partyB, consumerKey: opened?[0], consumerSecret: opened?[1], passkey: opened?[2])
    }

    /// Checks `shortcode`, `type` (`till` or else a paybill), `partyB` and the three secrets
    /// (`consumerKey`, `consumerSecret`, `passkey`: blank keeps the stored one if it can still
    /// be read) and saves them sealed; the field errors otherwise.
    func save(_ form: FormData, landlord: UserID, versions: LandlordDataVersions) throws -> (Typed, FieldErrors) {
        let store = MpesaSettingsStore(db: db)
        let secrets = MpesaSecrets(key: config.encryptionKey)
        let stored = try store.settings(landlord: landlord)
        var errors = FieldErrors()
        var typed = Typed()
        typed.hadOwn = stored != nil
        typed.shortcode = (form["shortcode"] ?? "").trimmingCharacters(in: .whitespaces)
        typed.isTill = form["type"] == "till"
        typed.partyB = (form["partyB"] ?? "").trimmingCharacters(in: .whitespaces)
        if !MpesaFormat.isShortcode(typed.shortcode) {
            errors.add("shortcode", "mpesa.shortcode")
        }
        if typed.isTill, !MpesaFormat.isShortcode(typed.partyB) {
            errors.add("partyB", "mpesa.till")
        } else if !typed.isTill, !typed.partyB.isEmpty, !MpesaFormat.isShortcode(typed.partyB) {
            errors.add("partyB", "mpesa.party_b")
        }
        func sealed(_ field: String, _ column: String, _ old: [UInt8]?) throws -> [UInt8]? {
            let value = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                guard let old, (try? secrets.open(old, landlord: landlord, field: column)) != nil else {
                    errors.add(field, "form.required")
                    return nil
                }
                return old
            }
            guard value.count <= 200, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                errors.add(field, "mpesa.credential")
                return nil
            }
            return try secrets.seal(value, landlord: landlord, field: column)
        }
        let key = try sealed("consumerKey", "consumer_key", stored?.consumerKey)
        let secret = try sealed("consumerSecret", "consumer_secret", stored?.consumerSecret)
        let passkey = try sealed("passkey", "passkey", stored?.passkey)
        guard errors.isEmpty, let key, let secret, let passkey else { return (typed, errors) }
        try store.save(
            SealedMpesaSettings(
                shortcode: typed.shortcode,
                transactionType: typed.isTill ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline",
                partyB: typed.partyB.isEmpty ? typed.shortcode : typed.partyB, consumerKey: key,
                consumerSecret: secret, passkey: passkey),
            landlord: landlord, versions: versions)
        return (typed, errors)
    }
}
