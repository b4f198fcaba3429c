/// Field-by-field problems with a submitted form, shown next to each field in the reader's
/// language (`Wording`). The first problem of a field is the one shown.
struct FieldErrors {
    private(set) var problems: [String: Words] = [:]

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(_ field: String, _ problem: Words) {
        if problems[field] == nil { problems[field] = problem }
    }

    /// A problem by catalogue key.
    mutating func add(_ field: String, _ key: String, _ values: [String: String] = [:]) {
        add(field, Words(key, values))
    }

    subscript(_ field: String) -> Words? { problems[field] }
}

/// Checks and normalises what people type.
enum Validate {
    /// A trimmed, non-empty text of at most `limit` characters with no control characters.
    static func text(_ value: String?, _ field: String, limit: Int, into errors: inout FieldErrors) -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            errors.add(field, "form.required")
        } else if text.count > limit {
            errors.add(field, "form.at_most_characters", ["limit": "\(limit)"])
        } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.add(field, "form.forbidden_characters")
        }
        return text
    }

    /// A lower-cased email address of a plausible shape.
    static func email(_ value: String?, into errors: inout FieldErrors) -> String {
        let email = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let plausible =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && email.count <= 254
            && !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        if !plausible { errors.add("email", "form.email") }
        return email
    }

    /// A Kenyan mobile number, stored as `2547XXXXXXXX` or `2541XXXXXXXX`.
    static func phone(_ value: String?, field: String = "phone", into errors: inout FieldErrors) -> String {
        guard let phone = Phone.normalize(value ?? "") else {
            errors.add(field, "form.phone")
            return (value ?? "").trimmingCharacters(in: .whitespaces)
        }
        return phone
    }

    /// A password of at least 8 characters (and at most 200, to bound hashing work).
    static func newPassword(_ value: String?, field: String = "password", into errors: inout FieldErrors) -> String {
        let password = value ?? ""
        if password.count < 8 {
            errors.add(field, "form.password_short")
        } else if password.count > 200 {
            errors.add(field, "form.password_long")
        }
        return password
    }

    /// A whole number within `range`.
    static func integer(
        _ value: String?, _ field: String, _ range: ClosedRange<Int>, into errors: inout FieldErrors
    ) -> Int {
        let text = (value ?? "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let number = Int(text), range.contains(number) else {
            errors.add(
                field, "form.whole_number", ["from": "\(range.lowerBound)", "to": "\(range.upperBound)"])
            return 0
        }
        return number
    }
}

/// Phone numbers as M-Pesa wants them.
enum Phone {
    /// `07…`, `01…`, `+2547…`, `2547…` (spaces and dashes allowed) → `2547XXXXXXXX`; nil if not a
    /// Kenyan mobile number.
    static func normalize(_ input: String) -> String? {
        var digits = input.filter { !" -().".contains($0) }
        if digits.hasPrefix("+") { digits.removeFirst() }
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        if digits.hasPrefix("0"), digits.count == 10 {
            digits = "254" + digits.dropFirst()
        } else if digits.count == 9, digits.hasPrefix("7") || digits.hasPrefix("1") {
            digits = "254" + digits
        }
        guard digits.count == 12, digits.hasPrefix("2547") || digits.hasPrefix("2541") else { return nil }
        return digits
    }
}
