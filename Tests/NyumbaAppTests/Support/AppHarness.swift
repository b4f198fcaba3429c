import FastCGI
import Foundation
import MariaDB
import XCTest

@testable import NyumbaApp

/// The whole application in the test's process: built from a `Config` against a database of its
/// own on the server named by `NYUMBA_TEST_DATABASE_URL` (migrated from `db/migrations`), answering
/// requests handed to it as nginx would hand them over FastCGI. Tests read and write rows through
/// `db`. Skips the test when no server is named.
final class AppHarness {
    /// The repository, for the templates and migrations.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The Daraja callback token of the harness's deployment.
    static let callbackToken = "cb-" + String(repeating: "7", count: 40)
    /// The SMS delivery-report token of the harness's deployment.
    static let smsReportToken = "dr-" + String(repeating: "5", count: 40)

    let app: NyumbaApplication
    /// A connection of the test's own to the harness's database.
    let db: Connection
    private let handler: any FastCGIHandler
    private let admin: Connection
    private let databaseName: String

    init(environment extra: [String: String] = [:]) throws {
        guard let text = ProcessInfo.processInfo.environment["NYUMBA_TEST_DATABASE_URL"], !text.isEmpty else {
            throw XCTSkip("NYUMBA_TEST_DATABASE_URL is not set")
        }
        let server = try DatabaseURL(text)
        databaseName = "nyumba_app_\(UInt32.random(in: 0...UInt32.max))"
        admin = Connection(url: server)
        try admin.executeUncached("CREATE DATABASE `\(databaseName)` CHARACTER SET utf8mb4")
        let url = server.withDatabase(databaseName)
        var environment = [
            "NYUMBA_DATABASE_URL": text, "NYUMBA_FCGI_SOCKET": "/nonexistent/harness.sock",
            "NYUMBA_PUBLIC_URL": "http://nyumba.test", "NYUMBA_SECRET_KEY": String(repeating: "k", count: 40),
            "NYUMBA_ENCRYPTION_KEY": String(repeating: "ab", count: 32),
            "NYUMBA_TEMPLATES_DIR": Self.repository.appendingPathComponent("templates").path,
            "NYUMBA_MIGRATIONS_DIR": Self.repository.appendingPathComponent("db/migrations").path,
            "NYUMBA_MAIL_DIR": FileManager.default.temporaryDirectory.appendingPathComponent(databaseName).path,
            "NYUMBA_MAIL_FROM": "Nyumba <no-reply@nyumba.test>",
            // Payments on, against a Daraja nobody listens at: pushes are not what these tests send.
            "NYUMBA_DARAJA_BASE_URL": "http://127.0.0.1:9", "NYUMBA_DARAJA_CONSUMER_KEY": "key",
            "NYUMBA_DARAJA_CONSUMER_SECRET": "secret", "NYUMBA_DARAJA_SHORTCODE": "174379",
            "NYUMBA_DARAJA_PASSKEY": "passkey", "NYUMBA_DARAJA_CALLBACK_TOKEN": Self.callbackToken,
            "NYUMBA_SMS_REPORT_TOKEN": Self.smsReportToken,
            "NYUMBA_SMS_DIR": FileManager.default.temporaryDirectory.appendingPathComponent(databaseName + "-sms").path,
        ]
        environment.merge(extra) { _, new in new }
        var config = try Config.load(from: environment)
        config.databaseURL = url
        db = Connection(url: url)
        _ = try Migrator(connection: db, directory: config.migrationsDirectory).migrate()
        app = try NyumbaApplication(config: config)
        handler = app.makeHandler(worker: 0)
    }

    deinit {
        _ = try? admin.executeUncached("DROP DATABASE IF EXISTS `\(databaseName)`")
    }

    /// Sends one request as nginx would: `path` may carry a query string; `cookies` become the
    /// `Cookie` header; a form body is sent as `application/x-www-form-urlencoded`.
    func send(
        _ method: String, _ path: String, cookies: [String: String] = [:], headers: [String: String] = [:],
        form: [String: String]? = nil, body: [UInt8] = [], contentType: String? = nil
    ) -> HarnessResponse {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var params = [
            "REQUEST_METHOD": method, "DOCUMENT_URI": String(parts[0]), "REQUEST_URI": path,
            "QUERY_STRING": parts.count > 1 ? String(parts[1]) : "", "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "nyumba.test",
        ]
        if !cookies.isEmpty {
            params["HTTP_COOKIE"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: "; ")
        }
        for (name, value) in headers {
            params["HTTP_" + name.uppercased().replacingOccurrences(of: "-", with: "_")] = value
        }
        var bytes = body
        if let form {
            bytes = Array(Self.encode(form).utf8)
            params["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        } else if let contentType {
            params["CONTENT_TYPE"] = contentType
        }
        params["CONTENT_LENGTH"] = String(bytes.count)
        return HarnessResponse(handler.respond(to: FastCGIRequest(params: params, body: bytes)))
    }

    /// Runs a query and returns its rows as text (NULL as nil), for assertions on what was stored.
    func rows(_ sql: String, _ parameters: [(any SQLBindable)?] = []) throws -> [[String?]] {
        try db.query(sql, parameters: parameters).map { row in
            row.values.map { value in
                switch value {
                case .null: nil
                case .int(let number): String(number)
                case .double(let number): String(number)
                case .text(let text): text
                case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
                }
            }
        }
    }

    /// The one value of a one-row, one-column query.
    func value(_ sql: String, _ parameters: [(any SQLBindable)?] = []) throws -> String? {
        try rows(sql, parameters).first?.first ?? nil
    }

    /// The whole number of a one-row, one-column query (0 for none or NULL).
    func count(_ sql: String, _ parameters: [(any SQLBindable)?] = []) throws -> Int {
        Int(try value(sql, parameters) ?? "0") ?? 0
    }

    static func encode(_ form: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.sorted { $0.key < $1.key }.map { name, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            return "\(name)=\(encoded)"
        }.joined(separator: "&")
    }
}

/// A response as a browser would see it.
struct HarnessResponse {
    let status: Int
    let headers: [(String, String)]
    let text: String
    /// The body as sent (a PDF is not text).
    let body: [UInt8]

    init(_ raw: FastCGIResponse) {
        status = raw.status
        headers = raw.headers
        body = raw.body
        text = String(decoding: raw.body, as: UTF8.self)
    }

    /// The first header of that name, case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The cookies the response sets (a deleted cookie has an empty value).
    var setCookies: [String: String] {
        var cookies: [String: String] = [:]
        for (name, value) in headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            cookies[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return cookies
    }
}
