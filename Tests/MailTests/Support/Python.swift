import Foundation
import XCTest

/// Runs `python3` (found on PATH) for the checks that use Python's own email parser.
enum Python {
    /// Runs python3 with `arguments`; returns exit status and standard output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    /// Throws XCTSkip unless `import module` works in python3.
    static func require(module: String) throws {
        let status = (try? run(["-c", "import \(module)"]))?.0
        if status != 0 {
            let hint =
                module == "email" ? "python3 is needed" : "python3 with \(module) is needed (pip install \(module))"
            throw XCTSkip("\(hint); skipping.")
        }
    }

    private static let parser = """
        import email, email.policy, json, sys
        with open(sys.argv[1], 'rb') as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        def people(name):
            h = m[name]
            return [[a.display_name, a.addr_spec] for a in h.addresses] if h is not None else None
        def body(kind):
            part = m.get_body((kind,))
            return part.get_content().replace('\\r\\n', '\\n') if part is not None else None
        defects = [str(d) for p in m.walk() for d in p.defects]
        print(json.dumps({
            'subject': str(m['subject']), 'from': people('from'), 'to': people('to'),
            'replyTo': people('reply-to'), 'messageID': m['message-id'], 'date': m['date'],
            'contentType': m.get_content_type(), 'rcptTo': m['x-rcptto'], 'mailFrom': m['x-mailfrom'],
            'plain': body('plain'), 'html': body('html'), 'defects': defects,
            'extra': m['x-nyumba-ref'],
        }))
        """

    /// What Python's email package (policy=default) reads from the message in `file`.
    struct ParsedEmail: Decodable {
        var subject: String
        var from: [[String]]?
        var to: [[String]]?
        var replyTo: [[String]]?
        var messageID: String?
        var date: String?
        var contentType: String
        var rcptTo: String?
        var mailFrom: String?
        var plain: String?
        var html: String?
        var defects: [String]
        var extra: String?
    }

    /// Parses the `.eml`/maildir file at `path` with Python's email package.
    static func parseEmail(at path: String) throws -> ParsedEmail {
        let (status, data) = try run(["-c", parser, path])
        XCTAssertEqual(status, 0, "python email parser failed")
        return try JSONDecoder().decode(ParsedEmail.self, from: data)
    }

    /// Parses rendered bytes (written to a temporary file first).
    static func parseEmail(bytes: [UInt8]) throws -> ParsedEmail {
        let path = NSTemporaryDirectory() + "mailtest-\(UUID().uuidString).eml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try parseEmail(at: path)
    }
}
