/// Which parts of a request line are secrets that must never reach a log: path segments
/// that carry a token (`/reset/<token>`) and query values of given names (`?token=…`).
public struct LogRedaction: Sendable {
    /// Path prefixes, each ending in `/`, whose next segment is replaced.
    public let secretSegmentsAfter: [String]
    /// Query parameter names whose values are replaced.
    public let secretQueryNames: Set<String>

    /// What a secret is replaced with.
    public static let placeholder = "[redacted]"
    /// Redacts nothing.
    public static let none = LogRedaction(secretSegmentsAfter: [], secretQueryNames: [])

    /// Creates a redaction of these path prefixes and query names.
    public init(secretSegmentsAfter: [String], secretQueryNames: Set<String>) {
        self.secretSegmentsAfter = secretSegmentsAfter
        self.secretQueryNames = secretQueryNames
    }

    /// `path` (and its `?query`, if any) with every secret replaced by the placeholder.
    public func redact(_ target: String) -> String {
        let (path, query) = Self.split(target)
        var result = redactPath(path)
        if let query { result += "?" + redactQuery(query) }
        return result
    }

    private func redactPath(_ path: String) -> String {
        for prefix in secretSegmentsAfter where path.hasPrefix(prefix) && path.count > prefix.count {
            let rest = path.dropFirst(prefix.count)
            let tail = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
            return prefix + Self.placeholder + tail
        }
        return path
    }

    private func redactQuery(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = (URLEncoding.decode(pair[..<equals].utf8) ?? String(pair[..<equals])).lowercased()
            return secretQueryNames.contains(name) ? "\(pair[..<equals])=\(Self.placeholder)" : String(pair)
        }.joined(separator: "&")
    }

    private static func split(_ target: String) -> (String, String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
