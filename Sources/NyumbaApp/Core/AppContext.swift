import Crypto
import Daraja
import MariaDB
import Web

/// What a handler works with on one worker thread: the deployment's settings, the
/// templates, shared caches, and this thread's own database connection.
public final class AppContext {
    public let config: Config
    public let views: Views
    /// This worker's connection; it reconnects by itself after the server comes back.
    public let db: Connection
    let authCache: AuthStateCache
    let passwords: PasswordHasher
    /// The process's one Daraja client (it shares OAuth tokens between workers).
    let daraja: DarajaClient
    let hooks: FeatureHooks

    init(
        config: Config, views: Views, db: Connection, authCache: AuthStateCache, daraja: DarajaClient,
        hooks: FeatureHooks
    ) {
        self.config = config
        self.daraja = daraja
        self.hooks = hooks
        self.views = views
        self.db = db
        self.authCache = authCache
        passwords = PasswordHasher(iterations: config.passwordIterations)
    }

    var sessions: Sessions { Sessions(db: db, key: config.secretKey, cache: authCache) }

    /// The session of a browser request.
    func session(for request: Request) throws -> RequestSession {
        try RequestSession(request: request, sessions: sessions, secureCookies: config.usesHTTPS)
    }

    /// The layout for a page; a landlord's shows how many tenants wait for approval.
    func layout(_ title: String, _ session: RequestSession, notice: String? = nil) throws -> Layout {
        var pending = 0
        if let user = session.user, user.role == .landlord {
            pending = try hooks.pendingCount(user.id, self)
        }
        return Layout(title: title, session: session, pendingCount: pending, notice: notice)
    }

    /// The layout of a landlord's page.
    func layout(_ title: String, _ landlord: SignedInLandlord, notice: String? = nil) throws -> Layout {
        try layout(title, landlord.session, notice: notice)
    }

    /// The layout of a tenant's page.
    func layout(_ title: String, _ tenant: SignedInTenant, notice: String? = nil) throws -> Layout {
        try layout(title, tenant.session, notice: notice)
    }

    /// Renders a page template (which extends the layout) into an HTML response.
    public func page(_ template: String, _ model: Any, status: Int = 200) -> Response {
        .html(views.render(template, model), status: status)
    }
}
