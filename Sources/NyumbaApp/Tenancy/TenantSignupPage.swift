/// The view model of `tenancy/signup.mustache`: by invite link (property named) or by code.
struct TenantSignupPage {
    let layout: Layout
    /// Set when the tenant came through an invite link.
    var inviteToken: String? = nil
    var propertyName: String? = nil
    var name = ""
    var email = ""
    var phone = ""
    var code = ""
    var unit = ""
    var errors: [String: String] = [:]
}
