import Foundation
import MariaDB
import Redis

/// Everything the responder needs to know about its deployment, from `NYUMBA_*` variables.
public struct Config: Sendable {
    public var databaseURL: DatabaseURL
    public var fastCGIAddress: String
    public var workers: Int
    /// A second socket for Daraja's callbacks and confirmations (`/daraja/…`), with workers of its own; nil
    /// serves them on `fastCGIAddress`. Their workers wait for a batch's commit, so apart they cannot take
    /// every worker from the pages during a flood, and as many can wait as Daraja has in flight.
    public var darajaFastCGIAddress: String? = nil
    /// The workers on `darajaFastCGIAddress`.
    public var darajaWorkers = 32
    public var publicURL: URL
    public var secretKey: [UInt8]
    public var encryptionKey: [UInt8]
    public var templatesDirectory: String
    public var migrationsDirectory: String
    /// PBKDF2 iterations for new password hashes (≥ 600,000).
    public var passwordIterations: Int
    /// How long an account stays locked (for unknown devices) after too many failed logins.
    public var loginLockoutSeconds: Int
    public var mail: MailSettings
    /// How SMS leave: Africa's Talking or files.
    public var sms = SMSSettings()
    /// The shared cache of several responder processes; nil keeps the cache in-process.
    public var redisURL: RedisURL?
    /// The deployment's Daraja connection; nil when `NYUMBA_DARAJA_BASE_URL` is unset (payments off).
    public var daraja: DarajaSettings? = nil
    /// How the reconciler paces STK queries and when it gives up.
    public var reconcile = ReconcileSettings()

    /// True when the public URL is https, so cookies get the `Secure` flag.
    public var usesHTTPS: Bool { publicURL.scheme == "https" }

    /// Reads and validates the settings that `serve` needs; throws every problem at once.
    public static func load(from environment: [String: String]) throws(ConfigError) -> Config {
        var reader = SettingsReader(environment: environment)
        let databaseURL = readDatabaseURL(&reader)
        let socket = reader.required("NYUMBA_FCGI_SOCKET", "a unix socket path or host:port")
        let workers = reader.parsed("NYUMBA_WORKERS", "a whole number from 1 to 256", default: 4, workerCount)
        let darajaSocket = reader.optional("NYUMBA_DARAJA_FCGI_SOCKET")
        let darajaWorkers = reader.parsed(
            "NYUMBA_DARAJA_WORKERS", "a whole number from 1 to 256", default: 32, workerCount)
        if let darajaSocket, darajaSocket == socket {
            reader.problem("NYUMBA_DARAJA_FCGI_SOCKET must differ from NYUMBA_FCGI_SOCKET (or be unset)")
        }
        let publicURL = reader.parsed(
            "NYUMBA_PUBLIC_URL", "an http:// or https:// URL such as https://rent.example.com"
        ) {
            URL(string: $0).flatMap { ["http", "https"].contains($0.scheme ?? "") && $0.host != nil ? $0 : nil }
        }
        let secretKey = reader.parsed("NYUMBA_SECRET_KEY", "a random string of at least 32 characters") {
            $0.utf8.count >= 32 ? Array($0.utf8) : nil
        }
        let encryptionKey = reader.parsed(
            "NYUMBA_ENCRYPTION_KEY", "32 bytes as 64 hexadecimal characters (openssl rand -hex 32)", Hex.decode32)
        let passwordIterations = reader.parsed(
            "NYUMBA_PASSWORD_ITERATIONS", "a whole number of at least 600000", default: 600_000
        ) { Int($0).flatMap { $0 >= 600_000 ? $0 : nil } }
        let lockout = reader.parsed(
            "NYUMBA_LOGIN_LOCKOUT_SECONDS", "a whole number of seconds (1 to 86400)", default: 900
        ) {
            Int($0).flatMap { (1...86_400).contains($0) ? $0 : nil }
        }
        let mail = MailSettings.read(&reader)
        let sms = SMSSettings.read(&reader)
        var redisURL: RedisURL?
        if let text = reader.optional("NYUMBA_REDIS_URL") {
            redisURL = try? RedisURL(text)
            if redisURL == nil {
                reader.problem(
                    "NYUMBA_REDIS_URL is malformed: it must be redis://host:port/db or unix:///path/to/redis.sock")
            }
        }
        let daraja = DarajaSettings.read(&reader)
        let reconcile = ReconcileSettings.read(&reader)
        guard reader.problems.isEmpty, let databaseURL, let workers, let darajaWorkers, let publicURL, let secretKey,
            let encryptionKey, let passwordIterations, let lockout
        else { throw ConfigError(problems: reader.problems) }
        return Config(
            databaseURL: databaseURL, fastCGIAddress: socket, workers: workers, darajaFastCGIAddress: darajaSocket,
            darajaWorkers: darajaWorkers, publicURL: publicURL,
            secretKey: secretKey, encryptionKey: encryptionKey,
            templatesDirectory: reader.optional("NYUMBA_TEMPLATES_DIR") ?? "templates",
            migrationsDirectory: reader.optional("NYUMBA_MIGRATIONS_DIR") ?? "db/migrations",
            passwordIterations: passwordIterations, loginLockoutSeconds: lockout, mail: mail, sms: sms,
            redisURL: redisURL,
            daraja: daraja, reconcile: reconcile)
    }

    /// A number of worker threads: 1 to 256.
    private static func workerCount(_ text: String) -> Int? {
        Int(text).flatMap { (1...256).contains($0) ? $0 : nil }
    }

    /// An absolute link to a path of this deployment, for emails.
    public func link(_ path: String) -> String {
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// Reads only what `migrate` needs.
    public static func loadDatabase(from environment: [String: String]) throws(ConfigError) -> (DatabaseURL, String) {
        var reader = SettingsReader(environment: environment)
        let url = readDatabaseURL(&reader)
        guard let url, reader.problems.isEmpty else { throw ConfigError(problems: reader.problems) }
        return (url, reader.optional("NYUMBA_MIGRATIONS_DIR") ?? "db/migrations")
    }

    private static func readDatabaseURL(_ reader: inout SettingsReader) -> DatabaseURL? {
        reader.parsed(
            "NYUMBA_DATABASE_URL",
            "mariadb://user:pass@host:port/db or mariadb://user:pass@localhost/db?socket=/path"
        ) { try? DatabaseURL($0) }
    }
}

/// The settings that are missing or malformed, one line each.
public struct ConfigError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// Hexadecimal helpers for keys.
enum Hex {
    static func decode32(_ text: String) -> [UInt8]? {
        guard let bytes = decode(text), bytes.count == 32 else { return nil }
        return bytes
    }

    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
