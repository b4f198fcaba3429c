/// Field-by-field problems with a submitted form, shown next to each field.
struct FieldErrors {
    private(set) var messages: [String: String] = [:]

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    subscript(_ field: String) -> String? { messages[field] }
}

/// Checks and normalises what people type.
enum Validate {
    /// A trimmed, non-empty text of at most `limit` characters with no control characters.
    static func text(_ value: String?, _ field: String, limit: Int, into errors: inout FieldErrors) -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            errors.add(field, "Required.")
        } else if text.count > limit {
            errors.add(field, "At most \(limit) characters.")
        } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.add(field, "Contains characters that are not allowed.")
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
        if !plausible { errors.add("email", "Enter an email address like name@example.com.") }
        return email
    }

    /// A Kenyan mobile number, stored as `2547XXXXXXXX` or `2541XXXXXXXX`.
    static func phone(_ value: String?, field: String = "phone", into errors: inout FieldErrors) -> String {
        guard let phone = Phone.normalize(value ?? "") else {
            errors.add(field, "Enter a Safaricom number such as 0712 345 678.")
            return (value ?? "").trimmingCharacters(in: .whitespaces)
        }
        return phone
    }

    /// A password of at least 8 characters (and at most 200, to bound hashing work).
    static func newPassword(_ value: String?, field: String = "password", into errors: inout FieldErrors) -> String {
        let password = value ?? ""
        if password.count < 8 {
            errors.add(field, "Use at least 8 characters.")
        } else if password.count > 200 {
            errors.add(field, "Use at most 200 characters.")
        }
        return password
    }

    /// A whole number within `range`.
    static func integer(
        _ value: String?, _ field: String, _ range: ClosedRange<Int>, into errors: inout FieldErrors
    ) -> Int {
        let text = (value ?? "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let number = Int(text), range.contains(number) else {
            errors.add(field, "Enter a whole number from \(range.lowerBound) to \(range.upperBound).")
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
