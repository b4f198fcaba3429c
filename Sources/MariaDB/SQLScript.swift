/// Splits a migration file into statements.
///
/// A statement ends at a `;` that is last on its line (only spaces or a comment may
/// follow). A `;` inside quotes ('…', "…", `…`) or comments (`-- `, `#`, `/* */`) never
/// splits, and neither does one in the middle of a line, so a one-line compound body such
/// as `BEGIN SET a = 1; SET b = 2; END;` stays whole. DELIMITER is not supported.
public enum SQLScript {
    private enum State {
        case code, singleQuoted, doubleQuoted, backticked, lineComment, blockComment
    }

    /// The statements of `script`, without their final `;`; empty ones are dropped.
    public static func split(_ script: String) throws -> [String] {
        let bytes = Array(script.utf8)
        var statements: [String] = []
        var state = State.code
        var start = 0
        var hasCode = false
        var index = 0
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

        while index < bytes.count {
            let current = bytes[index]
            switch state {
            case .code:
                switch current {
                case ascii("'"): state = .singleQuoted
                case ascii("\""): state = .doubleQuoted
                case ascii("`"): state = .backticked
                case ascii("#"): state = .lineComment
                case ascii("-") where byte(1) == ascii("-") && isSpaceOrEnd(byte(2)): state = .lineComment
                case ascii("/") where byte(1) == ascii("*"):
                    // /*! … */ is MariaDB's executable comment: it is code.
                    if byte(2) == ascii("!") { hasCode = true }
                    state = .blockComment
                    index += 1
                case ascii(";") where endsLine(bytes, after: index):
                    if hasCode { statements.append(trimmed(bytes[start..<index])) }
                    start = index + 1
                    hasCode = false
                default: break
                }
                if state != .lineComment, state != .blockComment, !isSpace(current), current != ascii(";") {
                    hasCode = true
                }
            case .singleQuoted, .doubleQuoted, .backticked:
                let quote = state == .singleQuoted ? ascii("'") : state == .doubleQuoted ? ascii("\"") : ascii("`")
                if current == ascii("\\") && state != .backticked {
                    index += 1
                } else if current == quote {
                    if byte(1) == quote { index += 1 } else { state = .code }
                }
            case .lineComment:
                if current == ascii("\n") { state = .code }
            case .blockComment:
                if current == ascii("*") && byte(1) == ascii("/") {
                    state = .code
                    index += 1
                }
            }
            index += 1
        }
        switch state {
        case .singleQuoted, .doubleQuoted, .backticked:
            throw DatabaseError.migration("unterminated quote in SQL script")
        case .blockComment:
            throw DatabaseError.migration("unterminated /* comment in SQL script")
        case .code, .lineComment:
            if hasCode { statements.append(trimmed(bytes[start...])) }
        }
        return statements
    }

    /// True if only spaces or a comment follow position `index` on its line.
    private static func endsLine(_ bytes: [UInt8], after index: Int) -> Bool {
        var next = index + 1
        while next < bytes.count, bytes[next] == ascii(" ") || bytes[next] == ascii("\t") || bytes[next] == ascii("\r")
        {
            next += 1
        }
        guard next < bytes.count else { return true }
        switch bytes[next] {
        case ascii("\n"), ascii("#"): return true
        case ascii("-"):
            return next + 1 < bytes.count && bytes[next + 1] == ascii("-")
                && isSpaceOrEnd(next + 2 < bytes.count ? bytes[next + 2] : nil)
        default: return false
        }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let text = bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        return String(decoding: Array(text), as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == ascii(" ") || byte == ascii("\t") || byte == ascii("\n") || byte == ascii("\r")
    }

    private static func isSpaceOrEnd(_ byte: UInt8?) -> Bool { byte.map(isSpace) ?? true }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
}
