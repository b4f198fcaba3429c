import Web

/// The public front page.
enum HomeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.get("/") { _, context in
            context.page("home", HomePage())
        }
    }
}

/// The view model of `home.mustache`.
struct HomePage {
    let title = "Rent collection with M-Pesa"
}
