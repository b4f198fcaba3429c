import Foundation
import Glibc
import MariaDB
import Web

/// `nyumba mailer [--until-empty]`: delivers the outbox, emails and SMS, without serving
/// requests — for a dedicated node or cron (then `serve --no-mailer --no-sms`). With
/// `--until-empty` it exits once nothing is due on either channel (rows waiting for a later
/// retry do not keep it running).
enum MailerCommand {
    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var untilEmpty = false
        for argument in arguments {
            guard argument == "--until-empty" else { return Commands.fail("mailer: unknown option \(argument)") }
            untilEmpty = true
        }
        let databaseURL: DatabaseURL
        var reader = SettingsReader(environment: environment)
        let mail = MailSettings.read(&reader)
        let sms = SMSSettings.read(&reader)
        do {
            (databaseURL, _) = try Config.loadDatabase(from: environment)
        } catch {
            return Commands.fail(error.description)
        }
        guard reader.problems.isEmpty else { return Commands.fail(reader.problems.joined(separator: "\n")) }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            if untilEmpty { return try drain(databaseURL, mail, sms) }
            return try runUntilSignal(databaseURL, mail, sms)
        } catch {
            return Commands.fail("mailer: \(error)")
        }
    }

    /// Sends batches until nothing is due; waits while another sender's claim locks due rows.
    private static func drain(_ url: DatabaseURL, _ mail: MailSettings, _ sms: SMSSettings) throws -> Int32 {
        let db = Connection(url: url)
        let senders: [any OutboxSender] = [
            Mailer(db: db, transport: try Mailer.transport(for: mail), settings: mail),
            SMSSender(db: db, transport: try sms.transport(), settings: sms),
        ]
        while true {
            var sent = 0
            for sender in senders { sent += try sender.deliverBatch() }
            if sent > 0 { continue }
            if try senders.allSatisfy({ try $0.dueCount() == 0 }) { return 0 }
            usleep(200_000)
        }
    }

    private static func runUntilSignal(_ url: DatabaseURL, _ mail: MailSettings, _ sms: SMSSettings) throws -> Int32 {
        let mailer = try BackgroundLoop.mailer(databaseURL: url, settings: mail)
        let texter = try BackgroundLoop.smsSender(databaseURL: url, settings: sms)
        Log.info(
            "mailer: delivering to \(mail.smtpURL == nil ? "files in \(mail.directory)" : "SMTP"), "
                + "SMS to \(sms.baseURL ?? "files in \(sms.directory)")")
        return mailer.runUntilStopSignal(with: [texter])
    }
}

/// Delivers one channel of the outbox in batches (`Mailer`, `SMSSender`).
protocol OutboxSender {
    /// Claims and sends one batch of due rows; returns how many were claimed.
    func deliverBatch() throws -> Int
    /// How many queued rows of the channel are due now.
    func dueCount() throws -> Int
}

extension Mailer: OutboxSender {}
extension SMSSender: OutboxSender {}
