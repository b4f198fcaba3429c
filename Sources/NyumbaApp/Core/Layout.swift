/// What the layout shows around every page: the navigation for who is signed in,
/// the CSRF token for forms, and the landlord's count of pending tenants.
struct Layout {
    let csrf: String
    let isLandlord: Bool
    let isTenant: Bool
    let pendingCount: Int
    /// Mustache treats 0 as true, so the badge needs its own flag.
    let hasPending: Bool
    let notice: String?
    let isSignedIn: Bool
    /// The page's language, for the language switch.
    let language: String
    let isKiswahili: Bool
    /// Puts words into the page's language (for view models; templates do not see it).
    let say: Wording

    init(session: RequestSession, say: Wording, pendingCount: Int = 0, notice: String? = nil) {
        self.say = say
        language = say.language.rawValue
        isKiswahili = say.language == .kiswahili
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
