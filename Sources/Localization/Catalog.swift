import Foundation

/// The messages of one language, by key, with named placeholders written `{name}`.
public struct Catalog: Sendable {
    /// The language's code (`en`, `sw`).
    public let language: String
    private let texts: [String: String]

    /// The catalogue in `directory/<language>.po`.
    public init(directory: String, language: String) throws(LocalizationError) {
        let path = directory + "/" + language + ".po"
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LocalizationError("the catalogue \(path) cannot be read")
        }
        try self.init(language: language, file: try POFile(parsing: text, name: path))
    }

    /// The catalogue of a parsed PO file; an empty translation is refused.
    public init(language: String, file: POFile) throws(LocalizationError) {
        var texts: [String: String] = [:]
        for entry in file.entries {
            guard !entry.text.isEmpty else { throw LocalizationError("\(language): \(entry.key) has no translation") }
            texts[entry.key] = entry.text
        }
        self.language = language
        self.texts = texts
    }

    /// Every key, sorted.
    public var keys: [String] { texts.keys.sorted() }

    /// The text of `key` as written, placeholders and all.
    public func text(_ key: String) -> String? { texts[key] }

    /// The text of `key` with each `{name}` replaced by `values[name]`; nil when the key is missing.
    public func text(_ key: String, _ values: [String: String]) -> String? {
        guard let text = texts[key] else { return nil }
        return Self.fill(text) { values[$0] }
    }

    /// Replaces each `{name}` in `text` with `value(name)` (left as written when it returns nil).
    public static func fill(_ text: String, _ value: (String) -> String?) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += Self.isPlaceholderName(name) ? (value(name) ?? "{\(name)}") : "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholder names a text uses, sorted and without repeats.
    public static func placeholders(in text: String) -> [String] {
        var names: Set<String> = []
        _ = fill(text) { name in
            names.insert(name)
            return nil
        }
        return names.sorted()
    }

    private static func isPlaceholderName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
    }
}
