/// A Kenyan mobile number in international form, `+2547XXXXXXXX` or `+2541XXXXXXXX`.
///
/// Accepts the forms people type (`0712 345 678`, `254712345678`, `+254-712-345678`) and
/// keeps only the international one, which is what Africa's Talking expects.
public struct SMSNumber: Hashable, Sendable, CustomStringConvertible {
    /// `+254` and nine digits, the first of them 7 or 1.
    public let international: String

    /// Nil unless `text` is a Kenyan mobile number (spaces and dashes are ignored).
    public init?(_ text: String) {
        let compact = text.filter { $0 != " " && $0 != "-" }
        guard compact.utf8.count <= 16 else { return nil }
        var digits = Substring(compact)
        if digits.hasPrefix("+254") {
            digits = digits.dropFirst(4)
        } else if digits.hasPrefix("254") {
            digits = digits.dropFirst(3)
        } else if digits.hasPrefix("0") {
            digits = digits.dropFirst(1)
        } else {
            return nil
        }
        guard digits.utf8.count == 9, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            digits.first == "7" || digits.first == "1"
        else { return nil }
        international = "+254" + digits
    }

    /// The international form.
    public var description: String { international }
}
