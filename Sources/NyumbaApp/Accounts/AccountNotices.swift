/// A new landlord's welcome.
struct Welcome: NoticeModel {
    static let kind = NoticeKind.welcome
    let loginURL: String
}

/// The single-use link to choose a new password.
struct PasswordResetLink: NoticeModel {
    static let kind = NoticeKind.passwordReset
    let resetURL: String
}

/// "Your password was changed" (signed in, or through a reset link).
struct PasswordChanged: NoticeModel {
    static let kind = NoticeKind.passwordChanged
    let forgotURL: String

    /// The notice to `user`.
    static func notice(to user: CurrentUser, _ config: Config) -> Notice<PasswordChanged> {
        Notice(recipient: NoticeRecipient(user), model: PasswordChanged(forgotURL: config.link("/password/forgot")))
    }
}
