/// `count` parameter placeholders for an `IN (…)` list: `?, ?, ?`.
public func sqlPlaceholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
