import Foundation

/// Lenient readers for Daraja's JSON (as `JSONReader` reads it), whose numbers and strings swap
/// places between calls.
enum JSONValue {
    /// The top-level object of `bytes`, or nil if it is not a JSON object.
    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        JSONReader.value(bytes) as? [String: Any]
    }

    /// `value` as JSON bytes (slashes unescaped, keys sorted so bodies are predictable).
    static func encode(_ value: [String: Any]) -> [UInt8] {
        // Only called with strings and integers, which JSONSerialization always accepts.
        let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        return Array(data)
    }

    /// Whether `value` is JSON's null (`NSNull`, as `JSONReader` reads it). Asked by type, not
    /// with `is NSNull`: that bridges the value to Foundation first, copying a whole object or
    /// string, which was a third of the time parsing a callback took.
    static func isNull(_ value: Any) -> Bool {
        type(of: value) == NSNull.self
    }

    /// A JSON string as is; nil for anything else.
    static func string(_ value: Any?) -> String? {
        value as? String
    }

    /// A whole number given as a JSON number (`1`, `1.00`) or as a string of one (`"1"`, `"1.00"`).
    /// Nil for fractions, non-numbers and booleans.
    static func integer(_ value: Any?) -> Int? {
        switch value {
        case is Bool: return nil
        case let number as Int: return number
        case let number as Double: return integral(number)
        case let text as String:
            guard !text.isEmpty,
                text.utf8.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
                let number = Double(text)
            else { return nil }
            return integral(number)
        default: return nil
        }
    }

    /// A whole number written as digits only (a date or phone number sent as a number or a string).
    static func digits(_ value: Any?) -> String? {
        if let text = value as? String {
            return !text.isEmpty && text.utf8.allSatisfy(isDigit) ? text : nil
        }
        guard let number = integer(value), number >= 0 else { return nil }
        return String(number)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func integral(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded() == value, abs(value) < 1e15 else { return nil }
        return Int(value)
    }
}
