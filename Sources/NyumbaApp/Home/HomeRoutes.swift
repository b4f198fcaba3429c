import Web

/// The public front page; a signed-in person is taken home instead.
enum HomeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/", access: .guest) { _, session, context in
            context.page(.home, HomePage(layout: try context.layout(session)))
        }
    }
}

/// The view model of `home.mustache`.
struct HomePage {
    let layout: Layout
}
