/// The view model of `payments/settings.mustache`.
struct MpesaSettingsPage {
    let layout: Layout
    var shortcode = ""
    /// The till (buy goods) option is chosen.
    var isTill = false
    var partyB = ""
    /// `••••1234` for each stored secret; nil when none is stored (or it cannot be read).
    var maskedKey: String? = nil
    var maskedSecret: String? = nil
    var maskedPasskey: String? = nil
    /// The landlord has saved settings of their own.
    var hasOwn = false
    /// The deployment's default settings apply to landlords without their own.
    var hasDefaults = false
    /// The stored secrets cannot be opened: the landlord must type them again.
    var unreadable = false
    var errors: [String: String] = [:]
    /// Why the last action failed (a Daraja refusal in plain words).
    var error: String? = nil
    /// Paybill payments matching no lease are refused (`C2B00012`) rather than queued.
    var rejectsUnknownAccounts = false
}
