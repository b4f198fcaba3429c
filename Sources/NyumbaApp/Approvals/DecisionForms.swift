import Foundation
import Web

/// The approve form of one request, as typed.
struct ApproveForm {
    var unit = ""
    var rent = ""
    var start = ""
    var dueDay = ""
    var deposit = ""
    var errors = FieldErrors()

    static let dueDays = 1...28
    static let deposits = 0...10_000_000

    /// Reads the form; the terms are nil when a field has an error.
    static func read(_ form: FormData) -> (ApproveForm, LeaseTerms?) {
        var errors = FieldErrors()
        let unit = UnitID(segment: form["unit"])
        if unit == nil { errors.add("unit", "approval.choose_unit") }
        let rent = Validate.integer(form["rent"], "rent", PropertyForm.rentRange, into: &errors)
        let startText = (form["start"] ?? "").trimmingCharacters(in: .whitespaces)
        let start = NairobiTime.parseISODate(startText)
        if start == nil { errors.add("start", "form.date", ["example": "2025-03-01"]) }
        let dueDay = Validate.integer(form["dueDay"], "dueDay", dueDays, into: &errors)
        // Blank: the property's default deposit.
        let depositText = (form["deposit"] ?? "").trimmingCharacters(in: .whitespaces)
        let deposit = depositText.isEmpty ? nil : Validate.integer(depositText, "deposit", deposits, into: &errors)
        let typed = ApproveForm(
            unit: form["unit"] ?? "", rent: form["rent"] ?? "", start: form["start"] ?? "",
            dueDay: form["dueDay"] ?? "", deposit: form["deposit"] ?? "", errors: errors)
        guard errors.isEmpty, let unit, let start else { return (typed, nil) }
        return (typed, LeaseTerms(unit: unit, monthlyRent: rent, startDate: start, dueDay: dueDay, deposit: deposit))
    }
}

/// The reject form of one request, as typed.
struct RejectForm {
    var reason = ""
    var errors = FieldErrors()

    static let limit = 500

    /// Reads the optional reason; `valid` is false when it is too long or has control characters.
    static func read(_ form: FormData) -> (RejectForm, reason: String?, valid: Bool) {
        let typed = (form["reason"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let reason = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrors()
        if reason.count > limit {
            errors.add("reason", "form.at_most_characters", ["limit": "\(limit)"])
        } else if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            errors.add("reason", "form.forbidden_characters")
        }
        return (RejectForm(reason: typed, errors: errors), reason.isEmpty ? nil : reason, errors.isEmpty)
    }
}
