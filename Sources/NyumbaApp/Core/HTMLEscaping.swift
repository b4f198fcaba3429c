import Mustache

/// HTML escaping for the templates, byte by byte. It escapes exactly what swift-mustache's own
/// HTML content type escapes (`< > & " '`), which walks the text as Characters and looked each one
/// up in a dictionary: on the dashboard that was a sixth of the render. `Views` declares it at the
/// top of every template that names no content type of its own (partials start from HTML again).
struct HTMLEscaping: MustacheContentType {
    /// The name templates use: `{{%CONTENT_TYPE: NYUMBA_HTML}}`.
    static let name = "NYUMBA_HTML"

    /// Makes the content type known to the template parser (before any template is parsed).
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscaping) else { return String(decoding: bytes, as: UTF8.self) }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): escaped += "&lt;".utf8
                case UInt8(ascii: ">"): escaped += "&gt;".utf8
                case UInt8(ascii: "&"): escaped += "&amp;".utf8
                case UInt8(ascii: "\""): escaped += "&quot;".utf8
                case UInt8(ascii: "'"): escaped += "&#39;".utf8
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
