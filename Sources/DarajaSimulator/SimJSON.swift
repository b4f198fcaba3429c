import Foundation

/// Reading request JSON and writing answers, as leniently as Daraja reads (numbers or strings).
enum SimJSON {
    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        guard !bytes.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// Digits given as a string or a whole JSON number.
    static func digits(_ value: Any?) -> String? {
        if let text = value as? String {
            return !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) ? text : nil
        }
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double >= 0, double < 1e15, double.rounded() == double else { return nil }
        return String(Int(double))
    }

    /// `object` as JSON text (keys sorted, slashes unescaped).
    static func text(_ object: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `value` as a JSON string literal.
    static func quoted(_ value: String) -> String {
        text([value]).dropFirst().dropLast().description
    }
}
