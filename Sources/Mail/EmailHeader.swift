/// An extra header field such as `X-Nyumba-Lease: 42` or `List-Unsubscribe: <…>`.
public struct EmailHeader: Hashable, Sendable {
    /// The field name, printable ASCII without `:` or spaces.
    public var name: String
    /// The field value; non-ASCII text is RFC 2047-encoded when rendered.
    public var value: String

    /// A header; checked when the message is rendered.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Fields this module writes itself, so an extra header may not repeat them.
    static let reserved: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "date", "message-id",
        "mime-version", "content-type", "content-transfer-encoding",
    ]

    /// Throws unless the name is a valid, non-reserved field name and the value has no
    /// CR/LF/NUL.
    func validate() throws(MailError) {
        if HeaderText.hasForbiddenControl(name) { throw .headerInjection(field: "header name") }
        let validName =
            !name.isEmpty && name.utf8.count <= 76
            && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") }
        guard validName, !Self.reserved.contains(name.lowercased()) else { throw .invalidHeader(name) }
        if HeaderText.hasForbiddenControl(value) { throw .headerInjection(field: "\(name) header") }
        guard value.utf8.count <= 900 else { throw .tooLong(field: "\(name) header") }
    }
}
