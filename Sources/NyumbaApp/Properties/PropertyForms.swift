import Foundation
import Web

/// The fields of the new-property form, as typed and as checked.
struct PropertyForm {
    var name = ""
    var location = ""
    var units = ""
    var rent = ""
    var prefix = "A"
    /// The form's one-time key as sent (`OneTimeKey.read`), kept when the form is shown again with errors.
    var key: String? = nil
    var errors = FieldErrors()

    static let unitRange = 1...500
    static let rentRange = 1...1_000_000

    /// Reads the form; `property` is nil when a field has an error.
    static func read(_ form: FormData) -> (PropertyForm, NewProperty?) {
        var typed = PropertyForm(
            name: form["name"] ?? "", location: form["location"] ?? "", units: form["units"] ?? "",
            rent: form["rent"] ?? "", prefix: form["prefix"] ?? "", key: OneTimeKey.read(form["key"]))
        var errors = FieldErrors()
        let name = Validate.text(form["name"], "name", limit: 120, into: &errors)
        let location = Validate.text(form["location"], "location", limit: 200, into: &errors)
        let count = Validate.integer(form["units"], "units", unitRange, into: &errors)
        let rent = Validate.integer(form["rent"], "rent", rentRange, into: &errors)
        let prefix = UnitForm.prefix(form["prefix"], into: &errors)
        typed.errors = errors
        guard errors.isEmpty else { return (typed, nil) }
        return (
            typed,
            NewProperty(name: name, location: location, unitCount: count, defaultRent: rent, labelPrefix: prefix)
        )
    }
}

/// The fields of a unit's form (edit or add).
struct UnitForm {
    var label = ""
    var rent = ""
    var errors = FieldErrors()

    /// Reads label and rent; `value` is nil when a field has an error.
    static func read(_ form: FormData) -> (UnitForm, (label: String, rent: Int)?) {
        var errors = FieldErrors()
        let label = Validate.text(form["label"], "label", limit: 12, into: &errors)
        let rent = Validate.integer(form["rent"], "rent", PropertyForm.rentRange, into: &errors)
        let typed = UnitForm(label: form["label"] ?? "", rent: form["rent"] ?? "", errors: errors)
        return (typed, errors.isEmpty ? (label, rent) : nil)
    }

    /// A unit label prefix: up to 8 letters, digits, spaces or dashes (may be empty: labels 1…n).
    static func prefix(_ value: String?, into errors: inout FieldErrors) -> String {
        let prefix = (value ?? "").trimmingCharacters(in: .whitespaces)
        let allowed = prefix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == " ") }
        if prefix.count > 8 || !allowed {
            errors.add("prefix", "property.prefix")
        }
        return prefix
    }
}
