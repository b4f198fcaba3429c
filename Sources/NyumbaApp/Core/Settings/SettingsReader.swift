import Foundation

/// Reads settings from the environment, collecting one clear line per missing or
/// malformed value instead of stopping at the first.
public struct SettingsReader {
    private let environment: [String: String]
    /// One line per problem found so far.
    public private(set) var problems: [String] = []

    /// Reads from the given variables (normally the process environment).
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// A value that must be present and non-empty.
    public mutating func required(_ name: String, _ what: String) -> String {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            problems.append("\(name) is not set: it must be \(what)")
            return ""
        }
        return value
    }

    /// A value that may be absent (nil) but not blank.
    public func optional(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// A value turned into `T` by `parse`, which returns nil when the value is malformed.
    public mutating func parsed<T>(
        _ name: String, _ what: String, default defaultValue: T? = nil, _ parse: (String) -> T?
    ) -> T? {
        guard let raw = optional(name) else {
            if defaultValue == nil { problems.append("\(name) is not set: it must be \(what)") }
            return defaultValue
        }
        guard let value = parse(raw) else {
            problems.append("\(name) is malformed: it must be \(what)")
            return defaultValue
        }
        return value
    }

    /// Records a problem found by a cross-check between values.
    public mutating func problem(_ line: String) {
        problems.append(line)
    }
}

/// Loads `NAME=value` lines from a file into the environment, without overriding
/// variables that are already set (so the environment always wins).
public enum EnvironmentFile {
    /// Applies the file; lines starting with `#` and blank lines are skipped.
    public static func load(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let name = String(trimmed[..<equals]).trimmingCharacters(in: .whitespaces)
            var value = String(trimmed[trimmed.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == value.last, value.first == "\"" || value.first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            setenv(name, value, 0)
        }
    }
}
