/// A validated mailbox: `local@domain` plus an optional display name.
///
/// Only plain ASCII dot-atom addresses are accepted (no quoted local parts, no address
/// literals, no internationalised addresses); the domain needs at least one dot.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The bare address, e.g. `wanjiru@example.co.ke`.
    public let address: String
    /// The human name shown by mail clients, if any.
    public let displayName: String?

    /// Longest display name accepted, in characters.
    public static let maximumDisplayNameLength = 200

    /// Validates `address` (and `name`); an empty or all-blank name counts as none.
    public init(_ address: String, name: String? = nil) throws(MailError) {
        if HeaderText.hasForbiddenControl(address) { throw .headerInjection(field: "email address") }
        guard Self.isPlausible(address) else { throw .invalidAddress(address) }
        if let name {
            if HeaderText.hasForbiddenControl(name) { throw .headerInjection(field: "display name") }
            guard name.count <= Self.maximumDisplayNameLength else { throw .tooLong(field: "display name") }
        }
        self.address = address
        let trimmed = name?.trimmingSpaces()
        self.displayName = trimmed?.isEmpty == false ? trimmed : nil
    }

    /// The part after the `@`.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// `"Name" <address>` or the bare address, unencoded (for logs and people).
    public var description: String {
        guard let displayName else { return address }
        return "\"\(displayName)\" <\(address)>"
    }

    /// The form written into a header: the name quoted, or RFC 2047-encoded when it is
    /// not ASCII or holds `"`/`\`/control characters, which quoting would carry badly.
    var headerTokens: [String] {
        guard let displayName else { return [address] }
        let needsEncoding = displayName.unicodeScalars.contains {
            !$0.isASCII || $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
        }
        let name = needsEncoding ? EncodedWord.encode(displayName) : ["\"\(displayName)\""]
        return name + ["<\(address)>"]
    }

    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
    private static let labelText = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")

    private static func isPlausible(_ address: String) -> Bool {
        guard address.utf8.count <= 254 else { return false }
        let halves = address.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return false }
        let local = halves[0]
        let domain = halves[1]
        guard (1...64).contains(local.utf8.count), (1...253).contains(domain.utf8.count) else { return false }
        let localAtoms = local.split(separator: ".", omittingEmptySubsequences: false)
        guard localAtoms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(atext.contains) }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy(labelText.contains)
                && label.first != "-" && label.last != "-"
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isBlank($0) }) else { return "" }
        let end = lastIndex(where: { !isBlank($0) })!
        return String(self[start...end])
    }
}
