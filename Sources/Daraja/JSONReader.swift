import Foundation

/// A strict reader of JSON text (RFC 8259) into Swift values: objects as `[String: Any]`,
/// arrays as `[Any]`, strings as `String`, numbers as `Int` (an integer literal that fits) or
/// `Double`, booleans as `Bool`, null as `NSNull`. Bridged to Foundation they equal what
/// `JSONSerialization` gives (`NSNumber`s), but reading them back needs no bridging casts.
///
/// Daraja's bodies are small and many (a callback per payment); this reads one several times
/// faster than `JSONSerialization`. Anything that is not JSON is nil: trailing text or commas,
/// leading zeros, unescaped control characters, bad escapes, nesting deeper than 64.
enum JSONReader {
    static func value(_ bytes: [UInt8]) -> Any? {
        var reader = Cursor(bytes: bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.index == bytes.count ? value : nil
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func expect(_ word: String) -> Bool {
            let word = Array(word.utf8)
            guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else {
                return false
            }
            index += word.count
            return true
        }

        mutating func value(depth: Int) -> Any? {
            guard depth < 64 else { return nil }
            skipSpace()
            switch current {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return expect("true") ? true : nil
            case UInt8(ascii: "f"): return expect("false") ? false : nil
            case UInt8(ascii: "n"): return expect("null") ? NSNull() : nil
            default: return number()
            }
        }

        mutating func object(depth: Int) -> [String: Any]? {
            index += 1
            var object: [String: Any] = [:]
            skipSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                return object
            }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard current == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value(depth: depth + 1) else { return nil }
                object[key] = value
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return object
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> [Any]? {
            index += 1
            var array: [Any] = []
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return array
            }
            while true {
                guard let value = value(depth: depth + 1) else { return nil }
                array.append(value)
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return array
                default: return nil
                }
            }
        }

        mutating func string() -> String? {
            index += 1
            // Most strings have no escape: made straight from their bytes.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
                bytes[end] >= 0x20
            {
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                guard let text = String(validating: bytes[index..<end], as: UTF8.self) else { return nil }
                index = end + 1
                return text
            }
            var scalars = String.UnicodeScalarView()
            var start = index
            func flush(_ end: Int) -> Bool {
                guard start < end else { return true }
                guard let text = String(validating: bytes[start..<end], as: UTF8.self) else { return false }
                scalars.append(contentsOf: text.unicodeScalars)
                return true
            }
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    guard flush(index) else { return nil }
                    index += 1
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    guard flush(index) else { return nil }
                    index += 1
                    guard let scalar = escape() else { return nil }
                    scalars.append(scalar)
                    start = index
                case 0..<0x20: return nil
                default: index += 1
                }
            }
            return nil
        }

        mutating func escape() -> Unicode.Scalar? {
            guard let byte = current else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard let high = hex4() else { return nil }
                guard (0xD800..<0xDC00).contains(high) else { return Unicode.Scalar(high) }
                guard expect("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            default: return nil
            }
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { return nil }
            index += 4
            return value
        }

        mutating func number() -> Any? {
            let start = index
            func digits() -> Int {
                let first = index
                while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
                return index - first
            }
            if current == UInt8(ascii: "-") { index += 1 }
            let leadingZero = current == UInt8(ascii: "0")
            let whole = digits()
            guard whole > 0, !(leadingZero && whole > 1) else { return nil }
            var integral = true
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return nil }
                integral = false
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return nil }
                integral = false
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if integral, let number = Int(text) { return number }
            return Double(text)
        }
    }
}
