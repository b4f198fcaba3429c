import Web

/// A message's subject and text, as typed and as checked.
struct MessageForm {
    var subject = ""
    var text = ""
    /// The form's one-time key as sent (`OneTimeKey.read`), kept when the form is shown again with errors.
    var key: String? = nil
    var errors = FieldErrors()

    static let subjectLimit = 120
    static let textLimit = 5_000

    /// Reads the form; the message is nil when a field has an error. A subject goes into an
    /// email header, so a line break in it is refused outright (not trimmed away).
    static func read(_ form: FormData) -> (MessageForm, (subject: String, text: String)?) {
        let rawSubject = form["subject"] ?? ""
        let rawText = form["text"] ?? ""
        var errors = FieldErrors()
        if rawSubject.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            errors.add("subject", "form.single_line")
        }
        let subject = Validate.text(rawSubject, "subject", limit: subjectLimit, into: &errors)
        let text = body(rawText, into: &errors)
        let typed = MessageForm(
            subject: rawSubject, text: rawText, key: OneTimeKey.read(form["key"]), errors: errors)
        return (typed, errors.isEmpty ? (subject, text) : nil)
    }

    /// Trimmed, non-empty, at most `textLimit` characters; line breaks and tabs allowed, no other control characters.
    private static func body(_ raw: String, into errors: inout FieldErrors) -> String {
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            errors.add("text", "form.required")
        } else if text.count > textLimit {
            errors.add("text", "form.at_most_characters", ["limit": "\(textLimit)"])
        } else if text.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t"
        }) {
            errors.add("text", "form.forbidden_characters")
        }
        return text
    }
}
