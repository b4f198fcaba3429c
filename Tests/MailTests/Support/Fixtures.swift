import Foundation
import XCTest

@testable import Mail

/// Sample addresses and messages, plus small decoders to check what was encoded.
enum Fixtures {
    static func address(_ text: String, _ name: String? = nil) -> EmailAddress {
        try! EmailAddress(text, name: name)
    }

    static func message(
        subject: String = "Rent for May", text: String = "Hello,\nyour rent is due.", html: String? = nil
    ) -> EmailMessage {
        EmailMessage(
            from: address("landlord@nyumba.example", "Nyumba Rentals"),
            to: [address("tenant@example.co.ke", "Wanjiru Kamau")], subject: subject, textBody: text,
            htmlBody: html)
    }

    /// The rendered message as text, failing the test if rendering throws.
    static func render(_ message: EmailMessage, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return String(decoding: try message.rendered(), as: UTF8.self)
        } catch {
            XCTFail("rendering failed: \(error)", file: file, line: line)
            return ""
        }
    }

    /// Header block and body, split at the first empty line.
    static func split(_ rendered: String) -> (headers: String, body: String) {
        guard let range = rendered.range(of: "\r\n\r\n") else { return (rendered, "") }
        return (String(rendered[..<range.upperBound]), String(rendered[range.upperBound...]))
    }

    /// Header fields with folding undone, keyed by lowercased name.
    static func headers(_ rendered: String) -> [String: String] {
        let unfolded = split(rendered).headers.replacingOccurrences(of: "\r\n ", with: " ")
        var fields: [String: String] = [:]
        for line in unfolded.components(separatedBy: "\r\n") where !line.isEmpty {
            let parts = line.split(separator: ":", maxSplits: 1)
            fields[parts[0].lowercased()] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return fields
    }

    /// Decodes quoted-printable text (soft breaks removed, =XX turned into bytes).
    static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="), index + 2 < joined.count,
                let value = UInt8(String(decoding: joined[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes a run of `=?UTF-8?B?…?=` words separated by whitespace.
    static func decodeEncodedWords(_ text: String) -> String? {
        var bytes: [UInt8] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { return nil }
            bytes += data
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
