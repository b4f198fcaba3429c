import Web

/// The language switch on every page: keeps the choice in the browser and, for someone signed
/// in, on their account (emails and SMS follow it), then returns to the page it was made on.
enum LanguageRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("POST", "/language", access: .anyone) { request, session, context in
            guard let language = Language.chosen(in: try request.form()) else {
                throw HTTPError.badRequest("language.choose")
            }
            session.choose(language)
            if let user = session.user {
                try AccountStore(db: context.db).setLanguage(language, for: user.id)
                context.authCache.invalidate(user.id)
            }
            return .redirect(to: returnPath(request) ?? session.user?.homePath ?? "/")
        }
    }

    /// The local path of the page the switch was on (from `Referer`), if it is one of ours.
    static func returnPath(_ request: Request) -> String? {
        guard let referer = request.headers["referer"], let host = request.headers["host"] else { return nil }
        for scheme in ["https://", "http://"] where referer.hasPrefix(scheme + host + "/") {
            return LocalRedirect.path(String(referer.dropFirst(scheme.count + host.count)))
        }
        return nil
    }
}
