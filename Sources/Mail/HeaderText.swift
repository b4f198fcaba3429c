/// Checks and folds header field text (RFC 5322 §2.2.3, RFC 2047).
enum HeaderText {
    /// Lines are kept at or below this many characters, CRLF excluded (RFC 5322's "should").
    static let lineLimit = 78

    /// CR, LF and NUL end or corrupt a header line wherever they appear.
    static func hasForbiddenControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    /// Tokens for an unstructured value (a subject, an extra header): the words when
    /// plain ASCII folds safely, otherwise RFC 2047 encoded words for the whole value.
    static func unstructuredTokens(_ value: String, field: String) -> [String] {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let foldsAsIs =
            value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            && !value.contains("=?")
            && !value.hasPrefix(" ") && !value.hasSuffix(" ") && !value.contains("  ")
            && words.allSatisfy { $0.utf8.count <= lineLimit - field.utf8.count - 2 }
        if value.isEmpty { return [] }
        return foldsAsIs ? words : EncodedWord.encode(value)
    }

    /// `Name: token token…` ending in CRLF, folded before a token whenever the line would
    /// pass the limit (a token never sits alone on an over-long line unless it must).
    static func fold(field: String, tokens: [String]) -> String {
        var result = "\(field):"
        var lineLength = result.utf8.count
        for token in tokens {
            let width = token.utf8.count
            if lineLength + 1 + width > lineLimit && lineLength > field.utf8.count + 1 {
                result += "\r\n"
                lineLength = 0
            }
            result += " " + token
            lineLength += 1 + width
        }
        return result + "\r\n"
    }
}

/// RFC 2047 "B" encoded words in UTF-8, split on character boundaries.
enum EncodedWord {
    /// Bytes of text per encoded word: 36 bytes → 48 base64 characters → 60-character
    /// words, which fit on a line after a header name of up to 16 characters.
    static let bytesPerWord = 36

    /// One or more `=?UTF-8?B?…?=` words that decode (concatenated) to `text`.
    static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Base64.encode(bytes) + "?="
    }
}
