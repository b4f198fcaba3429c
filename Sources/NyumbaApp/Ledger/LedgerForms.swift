import Foundation
import Web

/// A manual payment as the landlord typed it.
struct ManualPaymentForm {
    var amount = ""
    var method = "cash"
    var date = ""
    var reference = ""
    var note = ""
    /// The one-time key sent with the form (`OneTimeKey.read`), kept when the form is shown again with errors.
    var key: String? = nil
    var errors = FieldErrors()

    static let amounts = 1...10_000_000

    /// A valid manual payment.
    struct Value {
        let amount: Int
        let method: ManualMethod
        let day: CalendarDay
        let reference: String?
        let note: String?
    }

    /// Reads the form; the value is nil when a field has an error. The date may be any day
    /// from the lease's start to today (Nairobi).
    static func read(_ form: FormData, leaseStart: CalendarDay, today: CalendarDay) -> (ManualPaymentForm, Value?) {
        var errors = FieldErrors()
        let amount = Validate.integer(form["amount"], "amount", amounts, into: &errors)
        let method = ManualMethod(rawValue: form["method"] ?? "")
        if method == nil { errors.add("method", "ledger.choose_method") }
        let day = LedgerForms.pastDay(form["date"], "date", from: leaseStart, to: today, into: &errors)
        let reference = LedgerForms.optionalText(form["reference"], "reference", limit: 100, into: &errors)
        let note = LedgerForms.optionalText(form["note"], "note", limit: 500, into: &errors)
        let typed = ManualPaymentForm(
            amount: form["amount"] ?? "", method: form["method"] ?? "", date: form["date"] ?? "",
            reference: form["reference"] ?? "", note: form["note"] ?? "",
            key: OneTimeKey.read(form["key"]), errors: errors)
        guard errors.isEmpty, let method, let day else { return (typed, nil) }
        return (typed, Value(amount: amount, method: method, day: day, reference: reference, note: note))
    }
}

/// The end-a-lease form as typed.
struct EndLeaseForm {
    var date = ""
    var errors = FieldErrors()

    /// Reads the move-out date: from the lease's start to today.
    static func read(_ form: FormData, leaseStart: CalendarDay, today: CalendarDay) -> (EndLeaseForm, CalendarDay?) {
        var errors = FieldErrors()
        let day = LedgerForms.pastDay(form["end"], "end", from: leaseStart, to: today, into: &errors)
        return (EndLeaseForm(date: form["end"] ?? "", errors: errors), day)
    }
}

/// Checks shared by the ledger's forms.
enum LedgerForms {
    /// A `YYYY-MM-DD` date within `from...to`.
    static func pastDay(
        _ value: String?, _ field: String, from start: CalendarDay, to today: CalendarDay,
        into errors: inout FieldErrors
    ) -> CalendarDay? {
        guard let day = CalendarDay(iso: (value ?? "").trimmingCharacters(in: .whitespaces)) else {
            errors.add(field, "form.date", ["example": "\(today)"])
            return nil
        }
        if day > today {
            errors.add(field, "form.date_in_future")
            return nil
        }
        if day < start {
            errors.add(field, "ledger.date_before_lease", ["start": LedgerText.day(start)])
            return nil
        }
        return day
    }

    /// An optional text of at most `limit` characters (line breaks allowed); nil when blank.
    static func optionalText(_ value: String?, _ field: String, limit: Int, into errors: inout FieldErrors) -> String? {
        let text = (value ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > limit {
            errors.add(field, "form.at_most_characters", ["limit": "\(limit)"])
        } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            errors.add(field, "form.forbidden_characters")
        }
        return text.isEmpty ? nil : text
    }
}
