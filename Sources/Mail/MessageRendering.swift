extension EmailMessage {
    /// The message as RFC 5322 bytes with CRLF line endings, ready for SMTP DATA or a
    /// `.eml` file. Bodies are UTF-8 quoted-printable; with `htmlBody` the message is
    /// `multipart/alternative` (text first, HTML second).
    public func rendered() throws(MailError) -> [UInt8] {
        try validate()
        var head = HeaderText.fold(field: "Date", tokens: [MailDate.format(date)])
        head += HeaderText.fold(field: "From", tokens: from.headerTokens)
        if let replyTo { head += HeaderText.fold(field: "Reply-To", tokens: replyTo.headerTokens) }
        head += HeaderText.fold(field: "To", tokens: Self.addressList(to))
        head += HeaderText.fold(field: "Message-ID", tokens: [messageID])
        head += HeaderText.fold(field: "Subject", tokens: HeaderText.unstructuredTokens(subject, field: "Subject"))
        for header in extraHeaders {
            head += HeaderText.fold(
                field: header.name, tokens: HeaderText.unstructuredTokens(header.value, field: header.name))
        }
        head += "MIME-Version: 1.0\r\n"

        guard let htmlBody else {
            return Array((head + Self.partHeaders(subtype: "plain") + "\r\n").utf8) + QuotedPrintable.encode(textBody)
                + [13, 10]
        }
        // "=_" never occurs in quoted-printable or base64 output, so the boundary can't
        // collide with a body line.
        let boundary = "=_nyumba_" + Random.hex(byteCount: 12)
        var bytes = Array((head + "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n").utf8)
        for (subtype, body) in [("plain", textBody), ("html", htmlBody)] {
            bytes += Array(("--\(boundary)\r\n" + Self.partHeaders(subtype: subtype) + "\r\n").utf8)
            bytes += QuotedPrintable.encode(body) + [13, 10]
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
        return bytes
    }

    /// Throws for anything that could break the header block or the envelope.
    private func validate() throws(MailError) {
        guard !to.isEmpty else { throw .noRecipients }
        if HeaderText.hasForbiddenControl(subject) { throw .headerInjection(field: "subject") }
        guard subject.utf8.count <= 900 else { throw .tooLong(field: "subject") }
        if HeaderText.hasForbiddenControl(messageID) { throw .headerInjection(field: "Message-ID") }
        let validID =
            messageID.hasPrefix("<") && messageID.hasSuffix(">") && messageID.contains("@")
            && messageID.utf8.count <= 250 && messageID.utf8.allSatisfy { $0 > 32 && $0 < 127 }
        guard validID else { throw .invalidHeader("Message-ID") }
        for header in extraHeaders { try header.validate() }
    }

    private static func partHeaders(subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
    }

    /// Address tokens with a comma after each mailbox but the last.
    private static func addressList(_ addresses: [EmailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            var mailbox = address.headerTokens
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return tokens
    }
}
