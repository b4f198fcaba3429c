import Web

/// Every feature of the application, plugged in in one place: the routes each adds, and what
/// they lend to the pages Core draws. Templates are typed (`Template`, `NoticeKind`) and
/// checked at start-up, so no feature lists them here.
enum Features {
    /// Adds every feature's routes.
    static func register(in router: inout Router<AppContext>, config: Config) {
        HomeRoutes.register(in: &router)
        // Accounts
        AccountRoutes.register(in: &router)
        LanguageRoutes.register(in: &router)
        PasswordResetRoutes.register(in: &router)
        PasswordChangeRoutes.register(in: &router)
        HealthRoutes.register(in: &router)
        PropertyRoutes.register(in: &router)
        // Tenancy
        TenantSignupRoutes.register(in: &router)
        TenantHomeRoutes.register(in: &router)
        ApprovalRoutes.register(in: &router)
        // Payments
        MpesaSettingsRoutes.register(in: &router)
        PayRoutes.register(in: &router)
        DarajaCallbackRoutes.register(in: &router)
        C2BCallbackRoutes.register(in: &router)
        UnmatchedPaymentsRoutes.register(in: &router)
        LedgerRoutes.register(in: &router)
        ChargeRoutes.register(in: &router)
        ChargeSettingsRoutes.register(in: &router)
        WaterRoutes.register(in: &router)
        StatementRoutes.register(in: &router)
        DashboardRoutes.register(in: &router)
        ReminderRoutes.register(in: &router)
        MessageRoutes.register(in: &router)
        // SMS
        SMSPreferenceRoutes.register(in: &router)
        DeliveryReportRoutes.register(in: &router)
        APIRoutes.register(in: &router, config: config)
    }

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
