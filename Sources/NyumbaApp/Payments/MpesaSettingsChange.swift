import Foundation
import Web

/// Changing or removing a landlord's M-Pesa settings, for the page and the API alike: they
/// decide where rent goes, so the landlord types their password again (checked under the
/// login throttle), and an email tells them it happened, when, and from which address.
struct MpesaSettingsChange {
    /// What came of one change.
    enum Outcome {
        case done
        /// Nothing changed: the field errors (the password's among them) say why.
        case invalid(MpesaSettingsUpdate.Typed, FieldErrors)
        /// Too many wrong passwords: nothing changed; the message says how long to wait.
        case refused(MpesaSettingsUpdate.Typed, Words)
    }

    static let wrongPassword = Words("password.wrong")
    static let passwordRequired = Words("password.confirm_required")

    let context: AppContext
    let landlord: CurrentUser
    /// The login the request belongs to (the throttle's known device).
    let family: String?
    let address: String

    /// Checks `form` (the settings and `password`) and saves the settings.
    func save(_ form: FormData) throws -> Outcome {
        var typed = MpesaSettingsUpdate.Typed()
        typed.shortcode = (form["shortcode"] ?? "").trimmingCharacters(in: .whitespaces)
        typed.isTill = form["type"] == "till"
        typed.partyB = (form["partyB"] ?? "").trimmingCharacters(in: .whitespaces)
        typed.hadOwn = try MpesaSettingsStore(db: context.db).settings(landlord: landlord.id) != nil
        if let refusal = try confirm(form["password"], typed: typed) { return refusal }
        let update = MpesaSettingsUpdate(db: context.db, config: context.config)
        let (checked, errors) = try context.db.transaction {
            let (checked, errors) = try update.save(form, landlord: landlord.id, versions: context.versions)
            if errors.isEmpty { try context.notifier.send(notice(removed: false)) }
            return (checked, errors)
        }
        return errors.isEmpty ? .done : .invalid(checked, errors)
    }

    /// Removes the landlord's own settings once `password` is confirmed.
    func remove(password: String?) throws -> Outcome {
        var typed = MpesaSettingsUpdate.Typed()
        typed.hadOwn = true
        if let refusal = try confirm(password, typed: typed) { return refusal }
        try context.db.transaction {
            try MpesaSettingsStore(db: context.db).delete(landlord: landlord.id, versions: context.versions)
            try context.notifier.send(notice(removed: true))
        }
        return .done
    }

    /// Nil when `password` is the landlord's; the outcome to return otherwise.
    private func confirm(_ password: String?, typed: MpesaSettingsUpdate.Typed) throws -> Outcome? {
        guard let password, !password.isEmpty else {
            var errors = FieldErrors()
            errors.add("password", Self.passwordRequired)
            return .invalid(typed, errors)
        }
        switch try PasswordRecheck(context: context).check(password, of: landlord, family: family, address: address) {
        case .confirmed: return nil
        case .refused(let wait): return .refused(typed, wait)
        case .wrong:
            var errors = FieldErrors()
            errors.add("password", Self.wrongPassword)
            return .invalid(typed, errors)
        }
    }

    private func notice(removed: Bool) -> Notice<MpesaSettingsChanged> {
        Notice(
            recipient: NoticeRecipient(landlord),
            model: MpesaSettingsChanged(
                removed: removed, time: .dateTime(Date()), address: address,
                settingsURL: context.config.link("/landlord/mpesa"), forgotURL: context.config.link("/password/forgot"))
        )
    }
}
