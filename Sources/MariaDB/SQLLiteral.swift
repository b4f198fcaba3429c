/// Writes a statement's parameters into its text as SQL literals, for statements sent several
/// in one round trip (the text protocol, where prepared statements' binding does not exist).
///
/// Injection is impossible by construction: text and bytes are always written as hexadecimal
/// (`_utf8mb4 X'…'`, `X'…'`), numbers in their decimal form; no character a caller gave ever
/// reaches the statement as SQL.
enum SQLLiteral {
    /// `sql` with each `?` outside quotes and comments replaced by the next value's literal.
    static func inline(_ sql: String, _ values: [SQLValue]) throws -> String {
        var output: [UInt8] = []
        output.reserveCapacity(sql.utf8.count + values.count * 16)
        var next = 0
        var quote: UInt8? = nil
        var escaped = false
        for byte in sql.utf8 {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") && open != UInt8(ascii: "`") {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                output.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                quote = byte
                output.append(byte)
            case UInt8(ascii: "?"):
                if next < values.count { try append(values[next], to: &output) }
                next += 1
            default:
                output.append(byte)
            }
        }
        guard next == values.count else { throw DatabaseError.parameterCount(expected: next, given: values.count) }
        return String(decoding: output, as: UTF8.self)
    }

    private static func append(_ value: SQLValue, to output: inout [UInt8]) throws {
        switch value {
        case .null: output += Array("NULL".utf8)
        case .int(let number): output += Array(String(number).utf8)
        case .double(let number):
            guard number.isFinite else {
                // What the server answers for a value it cannot store (ER_ILLEGAL_VALUE_FOR_TYPE).
                throw DatabaseError.server(
                    code: 1367, sqlState: "22007", message: "ER_ILLEGAL_VALUE_FOR_TYPE double=\(number)")
            }
            output += Array("\(number)".utf8)
        case .text(let text):
            output += Array("_utf8mb4 ".utf8)
            hex(Array(text.utf8), to: &output)
        case .bytes(let bytes): hex(bytes, to: &output)
        }
    }

    private static let digits = Array("0123456789ABCDEF".utf8)

    private static func hex(_ bytes: [UInt8], to output: inout [UInt8]) {
        output += [UInt8(ascii: "X"), UInt8(ascii: "'")]
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        output.append(UInt8(ascii: "'"))
    }
}
