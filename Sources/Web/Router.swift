/// Maps a method and path to a handler; patterns may capture segments (`/properties/:id`).
public struct Router<Context>: Sendable {
    /// Answers one request with the worker's context.
    public typealias Handler = @Sendable (Request, Context) throws -> Response

    /// What a lookup found.
    public enum Match {
        case found(Handler, parameters: [String: String])
        case methodNotAllowed
        case notFound
    }

    private struct Route: Sendable {
        let method: String
        /// Each segment's literal text, or nil where the pattern captures (`:name`).
        let literals: [Substring?]
        /// The captured segments' names, by index.
        let captures: [(index: Int, name: String)]
        let handler: Handler

        init(method: String, segments: [Substring], handler: @escaping Handler) {
            self.method = method
            literals = segments.map { $0.hasPrefix(":") ? nil : $0 }
            captures = segments.enumerated().compactMap { index, segment in
                segment.hasPrefix(":") ? (index, String(segment.dropFirst())) : nil
            }
            self.handler = handler
        }

        /// Whether `segments` (as many as the pattern has) has the pattern's literal segments.
        func matches(_ segments: [Substring]) -> Bool {
            zip(literals, segments).allSatisfy { literal, segment in literal.map { $0 == segment } ?? true }
        }

        func parameters(_ segments: [Substring]) -> [String: String] {
            Dictionary(captures.map { ($0.name, String(segments[$0.index])) }, uniquingKeysWith: { $1 })
        }
    }

    private var exact: [String: [String: Handler]] = [:]
    private var patterns: [Route] = []
    /// Every route added, as method and pattern, in the order they were added (for tests that
    /// must cover each route, and for listings).
    public private(set) var routes: [(method: String, pattern: String)] = []

    /// Creates an empty router.
    public init() {}

    /// Adds a route; a segment starting with `:` captures whatever stands there.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append((method, pattern))
        let segments = pattern.split(separator: "/")
        if segments.contains(where: { $0.hasPrefix(":") }) {
            patterns.append(Route(method: method, segments: segments, handler: handler))
        } else {
            exact[pattern, default: [:]][method] = handler
        }
    }

    /// Adds a GET route.
    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add("GET", pattern, handler) }
    /// Adds a POST route.
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add("POST", pattern, handler) }

    /// Finds the handler for a method and a decoded path.
    public func match(method: String, path: String) -> Match {
        if let byMethod = exact[path] {
            if let handler = byMethod[method] { return .found(handler, parameters: [:]) }
            return .methodNotAllowed
        }
        let segments = path.split(separator: "/")
        var pathMatched = false
        // Literal segments are compared first; parameters are collected for the route that matched.
        for route in patterns where route.literals.count == segments.count && route.matches(segments) {
            if route.method == method { return .found(route.handler, parameters: route.parameters(segments)) }
            pathMatched = true
        }
        return pathMatched ? .methodNotAllowed : .notFound
    }
}
