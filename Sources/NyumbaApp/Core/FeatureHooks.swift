import Web

/// What features lend to the parts of every page that Core draws but does not own, so that
/// Core never names a feature: the landlord's badge of tenants waiting for a decision, and the
/// page a tenant waiting for approval sees instead of any other.
struct FeatureHooks: Sendable {
    /// How many tenants wait for this landlord's decision.
    var pendingCount: @Sendable (UserID, AppContext) throws -> Int
    /// The page shown to a signed-in person whose account is not approved yet.
    var waitingPage: @Sendable (RequestSession, AppContext) throws -> Response
}
