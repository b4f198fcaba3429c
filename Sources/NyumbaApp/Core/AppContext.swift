import MariaDB
import Web

/// What a handler works with on one worker thread: the deployment's settings, the
/// templates, and this thread's own database connection.
public final class AppContext {
    public let config: Config
    public let views: Views
    /// This worker's connection; it reconnects by itself after the server comes back.
    public let db: Connection

    init(config: Config, views: Views, db: Connection) {
        self.config = config
        self.views = views
        self.db = db
    }

    /// Renders a page template (which extends the layout) into an HTML response.
    public func page(_ template: String, _ model: Any, status: Int = 200) -> Response {
        .html(views.render(template, model), status: status)
    }
}
