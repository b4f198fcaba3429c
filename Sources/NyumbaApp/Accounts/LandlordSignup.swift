import MariaDB
import Web

/// Landlord sign-up, for the sign-up page and the API alike: the same checks and words,
/// then the active account and its welcome email in one transaction.
struct LandlordSignup {
    /// What came of one sign-up.
    enum Outcome {
        case created(CurrentUser)
        case invalid(FieldErrors, Typed)
    }

    /// The name and email as checked (trimmed; the email lower-cased), to show the form again.
    struct Typed {
        let name: String
        let email: String
    }

    static let emailTaken = Words("account.email_taken")

    let context: AppContext

    /// Checks `name`, `email`, `phone` and `password` and creates the landlord.
    func signUp(_ form: FormData) throws -> Outcome {
        var errors = FieldErrors()
        let name = Validate.text(form["name"], "name", limit: 120, into: &errors)
        let email = Validate.email(form["email"], into: &errors)
        let phone = Validate.phone(form["phone"], into: &errors)
        let password = Validate.newPassword(form["password"], into: &errors)
        if errors.isEmpty, try AccountStore(db: context.db).emailExists(email) {
            errors.add("email", Self.emailTaken)
        }
        let typed = Typed(name: name, email: email)
        guard errors.isEmpty else { return .invalid(errors, typed) }
        let hash = context.passwords.hash(password)
        do {
            return .created(
                try context.db.transaction {
                    let accounts = AccountStore(db: context.db)
                    let id = try accounts.create(
                        role: .landlord, status: .active, name: name, email: email, phone: phone, passwordHash: hash,
                        language: Language.chosen(in: form) ?? context.language)
                    try context.notifier.send(
                        Notice(
                            recipient: NoticeRecipient(userID: id, name: name, email: email),
                            model: Welcome(loginURL: context.config.link("/login")), landlordID: id))
                    guard let user = try UserStore(db: context.db).user(id: id) else { throw HTTPError.notFound }
                    return user
                })
        } catch let error as DatabaseError where error.isDuplicateKey {
            // Another sign-up with this email won the race.
            errors.add("email", Self.emailTaken)
            return .invalid(errors, typed)
        }
    }
}
