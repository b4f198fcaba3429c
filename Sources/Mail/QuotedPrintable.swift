/// Quoted-printable body encoding (RFC 2045 §6.7) with CRLF line breaks.
enum QuotedPrintable {
    /// Encoded lines stay at or below 76 characters (soft breaks `=` CRLF in between).
    static let lineLimit = 76

    /// Encodes `text`; any of CRLF, LF or CR counts as a line break and becomes CRLF.
    /// A line starting `From ` gets its `F` encoded so mbox-style stores never mangle it.
    ///
    /// One pass over the bytes that appends to one array: every email's every byte goes through here.
    static func encode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        var lineStart = 0
        var width = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isBreak(byte) {
                out.append(contentsOf: [13, 10])
                index += byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 ? 2 : 1
                lineStart = index
                width = 0
                continue
            }
            let isLast = index + 1 == bytes.count || isBreak(bytes[index + 1])
            let literal =
                ((byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast))
                && !(index == lineStart && bytes[index...].starts(with: "From ".utf8))
            let count = literal ? 1 : 3
            // Keep one column free for the soft break's "=" unless this is the line's end.
            if width + count > (isLast ? lineLimit : lineLimit - 1) {
                out.append(contentsOf: [UInt8(ascii: "="), 13, 10])
                width = 0
            }
            if literal {
                out.append(byte)
            } else {
                out.append(contentsOf: [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            }
            width += count
            index += 1
        }
        return out
    }

    private static func isBreak(_ byte: UInt8) -> Bool { byte == 13 || byte == 10 }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
