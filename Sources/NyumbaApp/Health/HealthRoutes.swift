import Web

/// Liveness for operators and load balancers, and the cheapest route for benchmarks.
enum HealthRoutes {
    static func register(in router: inout Router<AppContext>) {
        /// 200 when the database answers, 503 otherwise.
        router.get("/healthz") { _, context in
            context.db.ping() ? .text("ok\n") : .text("database unavailable\n", status: 503)
        }
        /// No database, no template: the FastCGI round trip alone.
        router.get("/hello") { _, _ in
            .text("hello\n")
        }
    }
}
