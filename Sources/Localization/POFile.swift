/// A gettext PO file as translators' tools write it: `msgid`/`msgstr` pairs with continuation
/// lines, escapes and comments. Plural forms and contexts are refused rather than misread.
public struct POFile: Sendable {
    /// One translated message.
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let text: String
        /// `#, fuzzy`: a translator marked it as needing review.
        public let isFuzzy: Bool
        /// The line of its `msgid`, for error messages.
        public let line: Int
    }

    /// The messages in file order, without the header (the entry with an empty `msgid`).
    public let entries: [Entry]
    /// The header's fields (`Language: sw`, …).
    public let header: [String: String]

    /// Parses the text of a PO file; `name` appears in errors.
    public init(parsing text: String, name: String) throws(LocalizationError) {
        var entries: [Entry] = []
        var header: [String: String] = [:]
        var flags: [String] = []
        var key: String?
        var value: String?
        var keyLine = 0
        var field: String?
        func finish() throws(LocalizationError) {
            defer { (key, value, field, flags) = (nil, nil, nil, []) }
            guard let currentKey = key else { return }
            guard let text = value else { throw LocalizationError("\(name):\(keyLine): msgid without msgstr") }
            if currentKey.isEmpty {
                for line in text.split(separator: "\n") {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    header[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(
                        in: .whitespaces)
                }
            } else {
                if entries.contains(where: { $0.key == currentKey }) {
                    throw LocalizationError("\(name):\(keyLine): \(currentKey) appears twice")
                }
                entries.append(Entry(key: currentKey, text: text, isFuzzy: flags.contains("fuzzy"), line: keyLine))
            }
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                try finish()
            } else if line.hasPrefix("#,") {
                if key != nil { try finish() }
                flags += line.dropFirst(2).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } else if line.hasPrefix("#") {
                if key != nil, value != nil { try finish() }
            } else if line.hasPrefix("msgid ") {
                if key != nil { try finish() }
                key = try Self.quoted(line.dropFirst(6), name, number)
                keyLine = number
                field = "msgid"
            } else if line.hasPrefix("msgstr ") {
                guard key != nil, value == nil else {
                    throw LocalizationError("\(name):\(number): msgstr without msgid")
                }
                value = try Self.quoted(line.dropFirst(7), name, number)
                field = "msgstr"
            } else if line.hasPrefix("\"") {
                let more = try Self.quoted(line[...], name, number)
                switch field {
                case "msgid": key! += more
                case "msgstr": value! += more
                default: throw LocalizationError("\(name):\(number): a string outside msgid or msgstr")
                }
            } else {
                throw LocalizationError("\(name):\(number): unsupported line (plural forms and contexts are not used)")
            }
        }
        try finish()
        self.entries = entries
        self.header = header
    }

    /// `"text"` with C escapes → text.
    private static func quoted(_ literal: Substring, _ name: String, _ line: Int) throws(LocalizationError) -> String {
        let literal = literal.trimmingCharacters(in: .whitespaces)
        guard literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\"") else {
            throw LocalizationError("\(name):\(line): expected a quoted string")
        }
        var result = ""
        var escaped = false
        for character in literal.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\": result.append(character)
                default: throw LocalizationError("\(name):\(line): unknown escape \\\(character)")
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw LocalizationError("\(name):\(line): unescaped quote")
            } else {
                result.append(character)
            }
        }
        if escaped { throw LocalizationError("\(name):\(line): string ends with a backslash") }
        return result
    }
}

/// Why a catalogue could not be loaded or used.
public struct LocalizationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
