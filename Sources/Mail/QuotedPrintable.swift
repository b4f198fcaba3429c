/// Quoted-printable body encoding (RFC 2045 §6.7) with CRLF line breaks.
enum QuotedPrintable {
    /// Encoded lines stay at or below 76 characters (soft breaks `=` CRLF in between).
    static let lineLimit = 76

    /// Encodes `text`; any of CRLF, LF or CR counts as a line break and becomes CRLF.
    /// A line starting `From ` gets its `F` encoded so mbox-style stores never mangle it.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for (number, line) in lines(of: text).enumerated() {
            if number > 0 { out += [13, 10] }
            encodeLine(line, into: &out)
        }
        return out
    }

    /// The text split at CRLF, LF or lone CR, as UTF-8 bytes.
    static func lines(of text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 10 && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 13
            if byte == 10 || byte == 13 {
                lines.append([])
            } else {
                lines[lines.count - 1].append(byte)
            }
        }
        return lines
    }

    private static func encodeLine(_ line: [UInt8], into out: inout [UInt8]) {
        let startsWithFrom = line.starts(with: Array("From ".utf8))
        var width = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !isLast)
            let encoded: [UInt8] =
                literal && !(index == 0 && startsWithFrom)
                ? [byte] : [UInt8(ascii: "="), hex(byte >> 4), hex(byte & 0x0F)]
            // Keep one column free for the soft break's "=" unless this is the line's end.
            let room = isLast ? lineLimit : lineLimit - 1
            if width + encoded.count > room {
                out += [UInt8(ascii: "="), 13, 10]
                width = 0
            }
            out += encoded
            width += encoded.count
        }
    }

    private static func hex(_ nibble: UInt8) -> UInt8 {
        Array("0123456789ABCDEF".utf8)[Int(nibble)]
    }
}
