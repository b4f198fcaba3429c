import Web

/// The public front page.
enum HomeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/", access: .anyone) { _, session, context in
            // A tenant waiting for approval sees that and nothing else, here too.
            if session.user?.isWaitingForApproval == true { return try WaitingRoutes.waitingPage(session, context) }
            return context.page(.home, HomePage(layout: try context.layout("Rent collection with M-Pesa", session)))
        }
    }
}

/// The view model of `home.mustache`.
struct HomePage {
    let layout: Layout
    let title = "Rent collection with M-Pesa"
}
