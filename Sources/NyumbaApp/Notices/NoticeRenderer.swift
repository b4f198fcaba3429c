import Foundation
import SMS

/// Puts notices into words from their templates, in the recipient's language: an email's
/// template starts with its subject line, then a blank line, then the body; an SMS or a
/// notifications-tab line is the whole template, trimmed.
struct NoticeRenderer {
    let views: Views
    let config: Config

    /// The model as the templates see it in `language` (its figures in words), with the
    /// recipient's `name` and the `siteURL`.
    func context<Model>(_ notice: Notice<Model>, _ language: Language) -> [String: Any] {
        var context = Figure.words(in: notice.model.templateFields, views.wording(language)) as? [String: Any] ?? [:]
        context["name"] = notice.recipient.name
        context["siteURL"] = config.link("/")
        return context
    }

    /// A model's fields as plain values (strings, numbers, booleans, lists, tagged figures), as
    /// stored for a notification.
    func parameters(_ model: Any) -> [String: Any] {
        let fields = (model as? any NoticeModel)?.templateFields ?? TemplateValue.boxed(model) ?? [:]
        return Figure.stored(in: fields) as? [String: Any] ?? [:]
    }

    /// An email: the template's first line is its subject (at most 200 characters). `context` is
    /// `context(notice, language)`, when the caller has it already.
    func email<Model>(_ notice: Notice<Model>, language: Language, context: [String: Any]? = nil) -> EmailDraft {
        let text = views.render(
            notice.kind, on: .email, language: language, context ?? self.context(notice, language))
        let (subject, body) = Self.subjectAndBody(text)
        return EmailDraft(
            kind: notice.kind.rawValue, recipient: notice.recipient.email, recipientName: notice.recipient.name,
            subject: String(subject.prefix(200)), text: body, replyTo: notice.replyTo, landlordID: notice.landlordID)
    }

    /// An SMS, with typographic characters made plain so that it stays GSM-7 where it can.
    func sms<Model>(_ notice: Notice<Model>, language: Language, context: [String: Any]? = nil) -> String {
        SMSSegments.plain(
            Self.trimmed(
                views.render(notice.kind, on: .sms, language: language, context ?? self.context(notice, language))))
    }

    /// A notifications-tab line from its stored kind and parameters.
    func notification(_ kind: NoticeKind, parameters: [String: Any], language: Language) -> String {
        let words = Figure.words(in: parameters, views.wording(language)) as? [String: Any] ?? [:]
        return Self.trimmed(views.render(kind, on: .notification, language: language, words))
    }

    /// The first line, and what follows the blank line after it.
    static func subjectAndBody(_ text: String) -> (String, String) {
        let lines = text.drop { $0 == "\n" }.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let subject = lines.first.map { trimmed(String($0)) } ?? ""
        var body = lines.count > 1 ? Substring(lines[1]) : ""
        while body.first == "\n" { body = body.dropFirst() }
        return (subject, String(body))
    }

    /// Without white space (newlines included) at either end; Foundation's trimming cost 0.7% of a
    /// callback's CPU.
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
