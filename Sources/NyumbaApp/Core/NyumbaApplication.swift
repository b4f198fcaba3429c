import Daraja
import FastCGI
import MariaDB
import Redis
import Web

/// The application: its routes, its templates and its settings. Built once at start-up;
/// each worker thread then gets its own handler with its own database connection.
public final class NyumbaApplication: Sendable {
    public let config: Config
    public let views: Views
    let router: Router<AppContext>
    private let errorPages: ErrorPages
    let authCache = AuthCache()
    /// One Daraja client for every worker and the reconciler.
    let daraja: DarajaClient

    /// The templates every feature needs; start-up fails if one is missing.
    static let requiredTemplates = [
        "layout", "error", "home", "accounts/login", "accounts/signup", "accounts/waiting", "emails/welcome",
        "accounts/forgot_password", "accounts/reset_password", "accounts/reset_link_invalid",
        "accounts/change_password", "emails/password_reset", "emails/password_changed",
        "properties/index", "properties/new", "properties/show", "properties/unit", "tenancy/signup", "tenancy/home",
        "approvals/notifications", "emails/tenant_pending", "emails/tenant_signup", "emails/tenant_approved",
        "emails/tenant_rejected", "payments/settings", "payments/pay", "payments/status", "emails/payment_receipt",
    ]

    /// Loads the templates and assembles the routes of every feature.
    public init(config: Config) throws(ViewsError) {
        self.config = config
        daraja = DarajaClient.configured(config.daraja)
        views = try Views(
            directory: config.templatesDirectory,
            required: Self.requiredTemplates + LedgerRoutes.templates + ReminderRoutes.templates
                + MessageRoutes.templates + DashboardRoutes.templates + UnmatchedPaymentsRoutes.templates)
        errorPages = ErrorPages(views: views)
        var router = Router<AppContext>()
        HomeRoutes.register(in: &router)
        AccountRoutes.register(in: &router)
        PasswordResetRoutes.register(in: &router)
        PasswordChangeRoutes.register(in: &router)
        HealthRoutes.register(in: &router)
        PropertyRoutes.register(in: &router)
        TenantSignupRoutes.register(in: &router)
        TenantHomeRoutes.register(in: &router)
        ApprovalRoutes.register(in: &router)
        MpesaSettingsRoutes.register(in: &router)
        PayRoutes.register(in: &router)
        DarajaCallbackRoutes.register(in: &router)
        C2BCallbackRoutes.register(in: &router)
        UnmatchedPaymentsRoutes.register(in: &router)
        LedgerRoutes.register(in: &router)
        DashboardRoutes.register(in: &router)
        DashboardCache.shared.configure(redis: config.redisURL)
        ReminderRoutes.register(in: &router)
        MessageRoutes.register(in: &router)
        APIRoutes.register(in: &router, config: config)
        self.router = router
    }

    /// The handler of one worker thread, with a connection of its own.
    public func makeHandler(worker: Int) -> any FastCGIHandler {
        MariaDBClient.threadInit()
        let context = AppContext(
            config: config, views: views, db: Connection(url: config.databaseURL),
            authCache: AuthStateCache(local: authCache, redis: config.redisURL.map { RedisConnection(url: $0) }),
            daraja: daraja)
        let errorPages = self.errorPages
        return WebResponder(router: router, context: context) { error, request in
            errorPages.response(for: error, request: request)
        }
    }
}
