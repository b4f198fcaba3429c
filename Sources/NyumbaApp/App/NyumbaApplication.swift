import Daraja
import FastCGI
import MariaDB
import Redis
import Web

/// The application: its routes, its templates and its settings. Built once at start-up;
/// each worker thread then gets its own handler with its own database connection.
public final class NyumbaApplication: Sendable {
    public let config: Config
    public let views: Views
    let router: Router<AppContext>
    private let errorPages: ErrorPages
    let authCache = AuthCache()
    /// One Daraja client for every worker and the reconciler.
    let daraja: DarajaClient
    /// The version of each landlord's data, shared by every worker (and by every responder through Redis).
    let versions: LandlordDataVersions
    let pages = PageCache(maxBytes: PageCache.processBytes)
    /// STK callbacks that arrive together, settled together (shared by every worker).
    let settlements = SettlementBatches()

    /// Loads the templates and assembles the routes of every feature.
    public init(config: Config) throws(ViewsError) {
        self.config = config
        daraja = DarajaClient.configured(config.daraja)
        versions = LandlordDataVersions(redis: config.redisURL)
        views = try Views(directory: config.templatesDirectory)
        errorPages = ErrorPages(views: views)
        var router = Router<AppContext>()
        Features.register(in: &router, config: config)
        self.router = router
    }

    /// The handler of one worker thread, with a connection of its own.
    public func makeHandler(worker: Int) -> any FastCGIHandler {
        MariaDBClient.threadInit()
        let context = AppContext(
            config: config, views: views, db: Connection(url: config.databaseURL),
            authCache: AuthStateCache(local: authCache, redis: config.redisURL.map { RedisConnection(url: $0) }),
            daraja: daraja, hooks: Features.hooks, versions: versions, pages: pages, settlements: settlements)
        let errorPages = self.errorPages
        return WebResponder(
            router: router, context: context, redaction: ErrorPages.logRedaction,
            prepare: { request, context in context.language = .of(request) },
            errorResponse: { error, request in
                errorPages.response(for: error, request: request, language: context.language)
            })
    }
}
