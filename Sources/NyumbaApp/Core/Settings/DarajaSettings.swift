import Daraja

/// The deployment's connection to Daraja (`NYUMBA_DARAJA_*`): where to call, the default
/// shortcode and app for landlords without their own, and the secret callback token.
public struct DarajaSettings: Sendable {
    public var baseURL: String
    public var consumerKey: String
    public var consumerSecret: String
    public var shortcode: DarajaShortcode
    /// The secret last path segment of the callback URL (`/daraja/stk/<token>`).
    public var callbackToken: String
    /// How long one HTTP exchange with Daraja may take (`NYUMBA_DARAJA_TIMEOUT_SECONDS`).
    public var timeoutSeconds: Int = 15
    /// The Register URL version for paybill (C2B) URLs (`NYUMBA_DARAJA_C2B_VERSION`).
    public var c2bVersion: C2BRegistration.Version = .v2

    /// The credentials of the default Daraja app.
    public var credentials: DarajaCredentials {
        DarajaCredentials(baseURL: baseURL, consumerKey: consumerKey, consumerSecret: consumerSecret)
    }

    /// nil when `NYUMBA_DARAJA_BASE_URL` is unset (payments off); otherwise every other
    /// setting must be present and valid, each problem named on its own line.
    static func read(_ reader: inout SettingsReader) -> DarajaSettings? {
        guard
            let baseURL = reader.parsed(
                "NYUMBA_DARAJA_BASE_URL", "an http:// or https:// URL", default: "",
                {
                    ($0.hasPrefix("https://") || $0.hasPrefix("http://")) && !$0.contains(" ") ? $0 : nil
                }), !baseURL.isEmpty
        else { return nil }
        let key = reader.required("NYUMBA_DARAJA_CONSUMER_KEY", "the consumer key of the Daraja app")
        let secret = reader.required("NYUMBA_DARAJA_CONSUMER_SECRET", "the consumer secret of the Daraja app")
        let shortcode = reader.parsed("NYUMBA_DARAJA_SHORTCODE", "the paybill or store number, 5 to 7 digits") {
            MpesaFormat.isShortcode($0) ? $0 : nil
        }
        let passkey = reader.required("NYUMBA_DARAJA_PASSKEY", "the Lipa na M-Pesa Online passkey")
        let type = reader.parsed(
            "NYUMBA_DARAJA_TRANSACTION_TYPE", "CustomerPayBillOnline or CustomerBuyGoodsOnline",
            default: .payBill, DarajaShortcode.TransactionType.init(rawValue:))
        let partyB = reader.parsed("NYUMBA_DARAJA_PARTY_B", "the paybill or till number, 5 to 7 digits", default: "") {
            MpesaFormat.isShortcode($0) ? $0 : nil
        }
        let token = reader.parsed(
            "NYUMBA_DARAJA_CALLBACK_TOKEN",
            "a random string of at least 16 letters, digits, - or _ (not containing mpesa, safaricom, exe, cmd, sql "
                + "or query, which Daraja refuses in URLs)"
        ) { MpesaFormat.isCallbackToken($0) ? $0 : nil }
        let timeout = reader.parsed(
            "NYUMBA_DARAJA_TIMEOUT_SECONDS", "a whole number of seconds (1 to 120)", default: 15
        ) { Int($0).flatMap { (1...120).contains($0) ? $0 : nil } }
        let c2bVersion = reader.parsed(
            "NYUMBA_DARAJA_C2B_VERSION", "v1 or v2", default: .v2, C2BRegistration.Version.init(rawValue:))
        guard let shortcode, let token, let type, let timeout, let c2bVersion, !key.isEmpty, !secret.isEmpty,
            !passkey.isEmpty
        else {
            return nil
        }
        let resolvedPartyB = partyB.flatMap { $0.isEmpty ? nil : $0 } ?? shortcode
        return DarajaSettings(
            baseURL: baseURL, consumerKey: key, consumerSecret: secret,
            shortcode: DarajaShortcode(
                shortcode: shortcode, passkey: passkey, transactionType: type, partyB: resolvedPartyB),
            callbackToken: token, timeoutSeconds: timeout, c2bVersion: c2bVersion)
    }
}

/// How the reconciler paces its questions to Daraja.
public struct ReconcileSettings: Sendable {
    /// The first query waits this long after the push; each further one twice as long.
    public var baseSeconds: Int = 30
    /// A request still pending this long after the push is marked timed out.
    public var timeoutSeconds: Int = 600

    static func read(_ reader: inout SettingsReader) -> ReconcileSettings {
        let base = reader.parsed("NYUMBA_RECONCILE_SECONDS", "a whole number of seconds (1 to 600)", default: 30) {
            Int($0).flatMap { (1...600).contains($0) ? $0 : nil }
        }
        let timeout = reader.parsed(
            "NYUMBA_PAYMENT_TIMEOUT_SECONDS", "a whole number of seconds (10 to 86400)", default: 600
        ) { Int($0).flatMap { (10...86_400).contains($0) ? $0 : nil } }
        return ReconcileSettings(baseSeconds: base ?? 30, timeoutSeconds: timeout ?? 600)
    }
}

extension DarajaClient {
    /// The client for `settings` (the default timeouts when payments are off).
    static func configured(_ settings: DarajaSettings?) -> DarajaClient {
        DarajaClient(timeout: .seconds(settings?.timeoutSeconds ?? 15))
    }
}

/// The shapes of M-Pesa identifiers.
enum MpesaFormat {
    /// A BusinessShortCode, till or paybill number: 5 to 7 digits.
    static func isShortcode(_ text: String) -> Bool {
        (5...7).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A token safe in a URL path and long enough not to be guessed, without the words Daraja
    /// refuses in callback and C2B URLs (in any case).
    static func isCallbackToken(_ text: String) -> Bool {
        text.count >= 16 && text.count <= 128
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            && !C2BRegistration.forbiddenURLWords.contains(where: text.lowercased().contains)
    }
}
