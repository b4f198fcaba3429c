/// Every page template the app renders, by the name of its file under `templates/` (partials and
/// the layout are checked through the templates that use them). A wrong name is a compile error, and
/// start-up checks every case, so a case without its file stops start-up instead of rendering a blank
/// page.
enum Template: String, CaseIterable, Sendable {
    case error = "error"
    case home = "home"
    case accountsLogin = "accounts/login"
    case accountsSignup = "accounts/signup"
    case accountsWaiting = "accounts/waiting"
    case accountsForgotPassword = "accounts/forgot_password"
    case accountsResetPassword = "accounts/reset_password"
    case accountsResetLinkInvalid = "accounts/reset_link_invalid"
    case accountsChangePassword = "accounts/change_password"
    case propertiesIndex = "properties/index"
    case propertiesNew = "properties/new"
    case propertiesShow = "properties/show"
    case propertiesUnit = "properties/unit"
    case tenancySignup = "tenancy/signup"
    case tenancyHome = "tenancy/home"
    case approvalsNotifications = "approvals/notifications"
    case paymentsSettings = "payments/settings"
    case paymentsPay = "payments/pay"
    case paymentsStatus = "payments/status"
    case paymentsUnmatched = "payments/unmatched"
    case ledgerLease = "ledger/lease"
    case ledgerManualPayment = "ledger/manual_payment"
    case ledgerPayments = "ledger/payments"
    case ledgerReceipt = "ledger/receipt"
    case chargesLease = "charges/lease"
    case chargesSettings = "charges/settings"
    case chargesWater = "charges/water"
    case chargesStatement = "charges/statement"
    case dashboardIndex = "dashboard/index"
    case dashboardLease = "dashboard/lease"
    case remindersNew = "reminders/new"
    case remindersSettings = "reminders/settings"
    case remindersLog = "reminders/log"
    case messagesTenant = "messages/tenant"
    case messagesLandlord = "messages/landlord"
}

/// Every email template, by the kind it is stored under in the outbox (`templates/emails/<kind>`).
enum EmailTemplate: String, CaseIterable, Sendable {
    case welcome = "welcome"
    case passwordReset = "password_reset"
    case passwordChanged = "password_changed"
    case tenantPending = "tenant_pending"
    case tenantSignup = "tenant_signup"
    case tenantApproved = "tenant_approved"
    case tenantRejected = "tenant_rejected"
    case paymentReceipt = "payment_receipt"
    case paymentReceiptManual = "payment_receipt_manual"
    case leaseEnded = "lease_ended"
    case rentReminder = "rent_reminder"
    case messageToLandlord = "message_to_landlord"
    case messageToTenant = "message_to_tenant"
    case mpesaSettingsChanged = "mpesa_settings_changed"

    /// The template's name under `templates/`.
    var name: String { "emails/" + rawValue }
}
