/// What the layout shows around every page: the navigation for who is signed in,
/// the CSRF token for forms, and the landlord's count of pending tenants.
struct Layout {
    let title: String
    let csrf: String
    let isLandlord: Bool
    let isTenant: Bool
    let pendingCount: Int
    /// Mustache treats 0 as true, so the badge needs its own flag.
    let hasPending: Bool
    let notice: String?
    let isSignedIn: Bool
    /// The page's language, for `<html lang>` and the language switch.
    let language: String
    let isKiswahili: Bool

    init(title: String, session: RequestSession, language: Language, pendingCount: Int = 0, notice: String? = nil) {
        self.title = title
        self.language = language.rawValue
        isKiswahili = language == .kiswahili
        csrf = session.csrfToken
        isLandlord = session.user?.role == .landlord
        isTenant = session.user?.role == .tenant && session.user?.isWaitingForApproval == false
        self.pendingCount = pendingCount
        hasPending = pendingCount > 0
        self.notice = notice
        isSignedIn = session.user != nil
    }

    /// Everything above that a rendered page shows, for `PageCache` keys (the title is the page's own).
    var cacheKey: String {
        "\(language)|\(csrf)|\(pendingCount)|\(isLandlord)|\(isTenant)|\(notice ?? "")"
    }
}
