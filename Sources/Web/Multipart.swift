/// `multipart/form-data` parsing (RFC 7578): what a browser sends for a form with a file input.
/// Every part becomes a field of `FormData`, a file's content as its value (decoded as UTF-8, with
/// invalid bytes replaced), so that a route reads a form the same way however it was encoded.
public enum Multipart {
    /// The boundary named in a `Content-Type: multipart/form-data; boundary=…` header, quoted or not.
    public static func boundary(ofContentType header: String) -> String? {
        // RFC 2046: 1 to 70 characters.
        parameters(header)["boundary"].flatMap { (1...70).contains($0.utf8.count) ? $0 : nil }
    }

    /// The parts of `body` as name/value pairs, refusing more than `maxFields` parts; 400 when the
    /// body does not follow the format (no opening or closing boundary, a part without a name).
    public static func parseForm(_ body: [UInt8], boundary: String, maxFields: Int) throws(HTTPError) -> FormData {
        let delimiter = Array("--\(boundary)".utf8)
        guard var start = find(delimiter, in: body, from: 0) else { throw .formEncoding }
        var fields: [(String, String)] = []
        while true {
            start += delimiter.count
            // `--` after a boundary closes the body.
            if body[start...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { return FormData(fields) }
            guard body[start...].starts(with: crlf) else { throw .formEncoding }
            let headersStart = start + 2
            guard let headersEnd = find(crlf + crlf, in: body, from: headersStart),
                let next = find(crlf + delimiter, in: body, from: headersEnd + 4)
            else { throw .formEncoding }
            guard fields.count < maxFields else { throw .tooManyFields }
            let headers = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
            guard let name = fieldName(headers) else { throw .formEncoding }
            fields.append((name, String(decoding: body[(headersEnd + 4)..<next], as: UTF8.self)))
            start = next + 2
        }
    }

    private static let crlf: [UInt8] = [13, 10]

    /// The `name` of a part's `Content-Disposition: form-data; name="…"` header.
    private static func fieldName(_ headers: String) -> String? {
        for line in headers.split(separator: "\r\n") {
            let header = line.split(separator: ":", maxSplits: 1)
            if header.count == 2, header[0].lowercased() == "content-disposition" {
                return parameters(header[1])["name"]
            }
        }
        return nil
    }

    /// The `; name=value` parameters after a header's first value, by lower-case name, values unquoted.
    private static func parameters(_ value: some StringProtocol) -> [String: String] {
        var found: [String: String] = [:]
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let quoted = pair[1].count >= 2 && pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"")
            found[pair[0].lowercased()] = quoted ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        return found
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = from
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
