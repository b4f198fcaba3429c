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
    /// The version of each landlord's data, and what is cached under it.
    let versions: LandlordDataVersions
    /// Rendered pages kept for the versions they were rendered from.
    let pages: PageCache
    /// Where concurrent payment callbacks are gathered into batches, shared by every worker.
    let settlements: SettlementBatches
    /// The language of the request this worker is answering (set before each request).
    var language: Language = .english

    init(
        config: Config, views: Views, db: Connection, authCache: AuthStateCache, daraja: DarajaClient,
        hooks: FeatureHooks, versions: LandlordDataVersions, pages: PageCache, settlements: SettlementBatches
    ) {
        self.settlements = settlements
        self.config = config
        self.daraja = daraja
        self.hooks = hooks
        self.versions = versions
        self.pages = pages
        self.views = views
        self.db = db
        self.authCache = authCache
        passwords = PasswordHasher(iterations: config.passwordIterations)
    }

    /// Sends notices on this worker's connection (inside the caller's transaction).
    var notifier: Notifier { Notifier(db: db, views: views, config: config) }

    var sessions: Sessions { Sessions(db: db, key: config.secretKey, cache: authCache) }

    /// The session of a browser request.
    func session(for request: Request) throws -> RequestSession {
        try RequestSession(request: request, sessions: sessions, secureCookies: config.usesHTTPS)
    }

    /// The layout for a page; a landlord's shows how many tenants wait for approval.
    func layout(_ session: RequestSession, notice: String? = nil) throws -> Layout {
        var pending = 0
        if let user = session.user, user.role == .landlord {
            pending = try hooks.pendingCount(user.id, self)
        }
        return Layout(session: session, say: say, pendingCount: pending, notice: notice)
    }

    /// The layout of a landlord's page.
    func layout(_ landlord: SignedInLandlord, notice: String? = nil) throws -> Layout {
        try layout(landlord.session, notice: notice)
    }

    /// The layout of a tenant's page.
    func layout(_ tenant: SignedInTenant, notice: String? = nil) throws -> Layout {
        try layout(tenant.session, notice: notice)
    }

    /// A page rendered once per version of the data of `landlords` (read before the data): served
    /// from the page cache until one of them changes. `key` names everything else the page depends on
    /// (who asks, the address and query, the day, `Layout.cacheKey`). Rendered uncached when a version
    /// cannot be read.
    func cachedPage(key: String, versions landlords: [UserID], render: () throws -> String) throws -> Response {
        var version = ""
        for landlord in landlords {
            guard let generation = versions.generation(of: landlord) else { return .html(try render()) }
            version += "\(landlord):\(generation);"
        }
        return .html(bytes: try pages.body(key, version: version) { Array(try render().utf8) })
    }

    /// Renders a page template (which extends the layout) into an HTML response, in the request's language.
    func page(_ template: Template, _ model: Any, status: Int = 200) -> Response {
        .html(render(template, model), status: status)
    }

    /// Renders a page template in the request's language.
    func render(_ template: Template, _ model: Any) -> String { views.render(template, model, in: language) }

    /// Puts words into the request's language: `context.say(words)`, `context.say(errors)`.
    var say: Wording { views.wording(language) }

    /// The words of a catalogue key in the request's language.
    func text(_ key: String, _ values: [String: String] = [:]) -> String { say(key, values) }
}
