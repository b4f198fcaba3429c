/// Checks a caller-supplied redirect target (a `next=` value) so that following it can
/// never leave the site.
public enum LocalRedirect {
    /// `value` when it is a path on this site made only of safe characters (letters,
    /// digits, `/-_.~?=&%`), both as given and once every `%XX` escape in it is decoded,
    /// beginning with a single `/` (not `//` or `/\`); nil for anything else.
    public static func path(_ value: String) -> String? {
        guard isSafe(value) else { return nil }
        // Decode until nothing changes (bounded), so `%252F%252F` cannot hide a `//`.
        var decoded = value
        for _ in 0..<4 {
            guard let next = URLEncoding.decode(decoded.utf8, plusAsSpace: false) else { return nil }
            if next == decoded { break }
            guard isSafe(next) else { return nil }
            decoded = next
        }
        return value
    }

    private static func isSafe(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2048 else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return false }
        return bytes.allSatisfy(isSafeByte)
    }

    private static func isSafeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "/-_.~?=&%".utf8.contains(byte)
        }
    }
}
