/// Every event Nyumba tells someone about, by the kind stored in the outbox and the
/// notifications table. Each kind has a template per channel it goes out on
/// (`templates/emails/<kind>`, `templates/sms/<kind>`, `templates/notifications/<kind>`);
/// start-up checks they all exist, so a kind without its words stops start-up.
enum NoticeKind: String, CaseIterable, Sendable {
    case welcome = "welcome"
    case passwordReset = "password_reset"
    case passwordChanged = "password_changed"
    case tenantPending = "tenant_pending"
    case tenantSignup = "tenant_signup"
    case tenantApproved = "tenant_approved"
    case tenantRejected = "tenant_rejected"
    case paymentReceipt = "payment_receipt"
    case paymentReceiptManual = "payment_receipt_manual"
    case paymentReceived = "payment_received"
    case amountMismatch = "amount_mismatch"
    case unmatchedPayment = "unmatched_payment"
    case leaseEnded = "lease_ended"
    case rentReminder = "rent_reminder"
    case messageToLandlord = "message_to_landlord"
    case messageToTenant = "message_to_tenant"
    case mpesaSettingsChanged = "mpesa_settings_changed"

    /// The channels this kind of notice can go out on; `Notifier` narrows them to the
    /// recipient's (an SMS needs a mobile number and SMS left on).
    var channels: [NoticeChannel] {
        switch self {
        case .welcome, .passwordReset, .passwordChanged, .tenantPending, .tenantRejected, .leaseEnded,
            .messageToTenant, .mpesaSettingsChanged:
            [.email]
        case .tenantApproved, .paymentReceipt, .paymentReceiptManual, .rentReminder: [.email, .sms]
        case .tenantSignup: [.email, .sms, .notification]
        case .messageToLandlord: [.email, .notification]
        case .paymentReceived, .amountMismatch: [.notification]
        case .unmatchedPayment: [.sms, .notification]
        }
    }

    /// An SMS of this kind goes to a tenant (what a landlord's monthly SMS count counts).
    var textsTenants: Bool {
        switch self {
        case .tenantApproved, .paymentReceipt, .paymentReceiptManual, .rentReminder: true
        default: false
        }
    }

    /// The template of this kind on `channel`, under `templates/`.
    func template(_ channel: NoticeChannel) -> String { channel.folder + "/" + rawValue }

    /// Every template the kinds need, for the start-up check.
    static var requiredTemplates: [String] {
        allCases.flatMap { kind in kind.channels.map(kind.template) }
    }
}

/// A way a notice reaches its recipient.
enum NoticeChannel: String, Sendable {
    /// An outbox row the mailer sends.
    case email
    /// An outbox row the SMS sender sends through Africa's Talking.
    case sms
    /// A line on the landlord's notifications tab (stored as kind and parameters).
    case notification

    /// The templates' folder.
    var folder: String {
        switch self {
        case .email: "emails"
        case .sms: "sms"
        case .notification: "notifications"
        }
    }
}
