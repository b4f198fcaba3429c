import Web

/// What a tenant sees until their landlord approves them: this page and nothing else.
enum WaitingRoutes {
    static func waitingPage(_ session: RequestSession, _ context: AppContext) throws -> Response {
        let rejected = session.user?.status == .rejected
        return context.page(
            .accountsWaiting,
            WaitingPage(layout: try context.layout(session), rejected: rejected))
    }
}

/// The view model of `accounts/waiting.mustache`.
struct WaitingPage {
    let layout: Layout
    let rejected: Bool
}
