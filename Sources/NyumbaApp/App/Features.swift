import Web

/// A feature as the application sees it: its name and the routes it adds. Templates are typed
/// (`Template`, `EmailTemplate`) and checked at start-up, so a feature lists none here.
struct Feature: Sendable {
    let name: String
    let register: @Sendable (inout Router<AppContext>, Config) -> Void

    init(_ name: String, register: @escaping @Sendable (inout Router<AppContext>, Config) -> Void) {
        self.name = name
        self.register = register
    }
}

extension Feature {
    /// Every feature, in the order its routes are added: the one place a new feature plugs in.
    static let all: [Feature] = [
        Feature("home") { router, _ in HomeRoutes.register(in: &router) },
        Feature("accounts") { router, _ in
            AccountRoutes.register(in: &router)
            PasswordResetRoutes.register(in: &router)
            PasswordChangeRoutes.register(in: &router)
        },
        Feature("health") { router, _ in HealthRoutes.register(in: &router) },
        Feature("properties") { router, _ in PropertyRoutes.register(in: &router) },
        Feature("tenancy") { router, _ in
            TenantSignupRoutes.register(in: &router)
            TenantHomeRoutes.register(in: &router)
        },
        Feature("approvals") { router, _ in ApprovalRoutes.register(in: &router) },
        Feature("payments") { router, _ in
            MpesaSettingsRoutes.register(in: &router)
            PayRoutes.register(in: &router)
            DarajaCallbackRoutes.register(in: &router)
            C2BCallbackRoutes.register(in: &router)
            UnmatchedPaymentsRoutes.register(in: &router)
        },
        Feature("ledger") { router, _ in LedgerRoutes.register(in: &router) },
        Feature("dashboard") { router, _ in DashboardRoutes.register(in: &router) },
        Feature("reminders") { router, _ in ReminderRoutes.register(in: &router) },
        Feature("messaging") { router, _ in MessageRoutes.register(in: &router) },
        Feature("api") { router, config in APIRoutes.register(in: &router, config: config) },
    ]

    /// What features lend to the pages Core draws: the landlord's badge of waiting tenants
    /// (Approvals, counted once per version of the landlord's data) and the waiting page (Accounts).
    static let hooks = FeatureHooks(
        pendingCount: { landlord, context in
            try context.versions.local("pending", landlord: landlord) {
                try ApprovalStore(db: context.db).pendingCount(landlord: landlord)
            }
        },
        waitingPage: WaitingRoutes.waitingPage)
}
