import MariaDB

/// The typed model of one kind of notice: its fields are what its templates may say.
protocol NoticeModel {
    /// The kind every notice with this model is.
    static var kind: NoticeKind { get }
    /// What a notifications-tab line stores of the model: all of it, unless a model keeps less.
    var notificationParameters: Any { get }
    /// The model's fields as templates see them (nil ones left out): `TemplateValue.boxed`, which
    /// reads them through a `Mirror`, unless the model lists them itself. The notices of every
    /// payment do (a `Mirror` cost ~10 µs a notice there); `NoticeTests` checks that the two agree.
    var templateFields: [String: Any] { get }
}

extension NoticeModel {
    var notificationParameters: Any { self }
    var templateFields: [String: Any] { TemplateValue.boxed(self) as? [String: Any] ?? [:] }
}

/// Who a notice goes to. The phone number and SMS preference are looked up by `Notifier`
/// from the user's row, so that every notice follows the person's latest choice — unless the
/// caller read them in the transaction of the change already (`contact`).
struct NoticeRecipient: Sendable {
    /// The account; nil only for an address that is no account's.
    let userID: UserID?
    let name: String
    let email: String
    /// The user's language, phone and SMS choice, when read with the change (saves a query).
    var contact: NoticeContact? = nil
}

/// What a notice needs from its recipient's row: their language, phone and SMS choice.
struct NoticeContact: Sendable {
    let language: Language
    let phone: String
    let smsEnabled: Bool
}

extension NoticeContact {
    /// Reads a user row's `language` (English until they choose), `phone` and `sms_enabled`, under
    /// these names or the ones given (a query reading two users' contacts names them apart).
    init(row: Row, language: String = "language", phone: String = "phone", smsEnabled: String = "sms_enabled")
        throws
    {
        self.init(
            language: try row.optionalString(language).flatMap(Language.init(rawValue:)) ?? .english,
            phone: try row.string(phone), smsEnabled: try row.bool(smsEnabled))
    }
}

/// One event to tell one person about, with its typed model.
struct Notice<Model: NoticeModel> {
    let recipient: NoticeRecipient
    let model: Model
    /// The landlord in whose log the outbox rows appear (and whose SMS count they add to).
    var landlordID: UserID? = nil
    /// The address replies to the email go to.
    var replyTo: String? = nil
    /// The page a notifications-tab line leads to (a path).
    var link: String? = nil
    /// False when the sender turned SMS off for this notice (a property's reminders).
    var allowsSMS = true

    var kind: NoticeKind { Model.kind }
}

extension NoticeRecipient {
    /// A signed-in user.
    init(_ user: CurrentUser) {
        self.init(userID: user.id, name: user.name, email: user.email)
    }
}
