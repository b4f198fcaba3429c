/// Percent-decoding and `application/x-www-form-urlencoded` parsing.
public enum URLEncoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`); returns nil on a
    /// malformed escape or bytes that are not UTF-8.
    public static func decode<S: Sequence>(_ input: S, plusAsSpace: Bool = true) -> String?
    where S.Element == UInt8 {
        var bytes: [UInt8] = []
        var iterator = input.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    public static func encode(_ string: String) -> String {
        var output = ""
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%"
                output.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte & 0xF)]))
            }
        }
        return output
    }

    // Built once: `encode` runs for every byte of every value put into a URL.
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Splits `a=1&b=2` into decoded pairs, refusing more than `maxFields` of them.
    public static func parseForm<C: Collection>(_ input: C, maxFields: Int) throws(HTTPError) -> FormData
    where C.Element == UInt8, C.SubSequence: Collection<UInt8> {
        var fields: [(String, String)] = []
        for part in input.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard fields.count < maxFields else { throw .tooManyFields }
            let pieces = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(pieces[0]), let value = pieces.count > 1 ? decode(pieces[1]) : ""
            else { throw .formEncoding }
            fields.append((name, value))
        }
        return FormData(fields)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Decoded name/value pairs from a query string or a form body, in their original order.
public struct FormData: Sendable {
    /// Every pair, in order; a name may repeat.
    public let fields: [(String, String)]

    /// Wraps decoded pairs.
    public init(_ fields: [(String, String)] = []) { self.fields = fields }

    /// The first value given for `name`.
    public subscript(_ name: String) -> String? {
        fields.first { $0.0 == name }?.1
    }

    /// The pairs encoded again as a query string (`a=1&b=x%26y`): one text per distinct list of
    /// pairs, e.g. for a cache key.
    public var encoded: String {
        fields.map { URLEncoding.encode($0.0) + "=" + URLEncoding.encode($0.1) }.joined(separator: "&")
    }

    /// Every value given for `name`.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.0 == name }.map(\.1)
    }
}
