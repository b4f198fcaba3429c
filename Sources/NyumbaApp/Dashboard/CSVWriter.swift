/// Builds a CSV file (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted,
/// quotes doubled). Text cells that a spreadsheet would read as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) get a leading `'`, so a tenant's name can never run as one.
struct CSVWriter {
    private(set) var bytes: [UInt8]

    /// Starts the file with a byte-order mark, so that spreadsheets read the text as UTF-8.
    init(header: [String]) {
        bytes = [0xEF, 0xBB, 0xBF]
        row(header.map(Cell.text))
    }

    /// One cell: text typed by someone, or a number we produced.
    enum Cell {
        case text(String)
        case number(Int)
    }

    mutating func row(_ cells: [Cell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .number(let value): bytes += Array(String(value).utf8)
            case .text(let text): append(Self.neutralised(text))
            }
        }
        bytes += [13, 10]
    }

    private mutating func append(_ text: String) {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
        }
        guard needsQuotes else {
            bytes += Array(text.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
