/// Picks the language to answer in from an HTTP `Accept-Language` header (RFC 9110 §12.5.4):
/// the supported language with the highest weight, matching on the primary subtag
/// (`sw-KE` → `sw`).
public enum LanguagePreference {
    /// The best of `supported` for `header`, or nil when the header names none of them.
    public static func best(from header: String?, supported: [String]) -> String? {
        guard let header else { return nil }
        var best: (code: String, weight: Double, order: Int)?
        for (order, part) in header.split(separator: ",").enumerated() {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased(), !tag.isEmpty else { continue }
            var weight = 1.0
            for field in fields.dropFirst() where field.hasPrefix("q=") {
                weight = Double(field.dropFirst(2)) ?? 0
            }
            guard weight > 0 else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let code = supported.first(where: { $0 == primary }) else { continue }
            if best == nil || weight > best!.weight { best = (code, weight, order) }
        }
        return best?.code
    }
}
