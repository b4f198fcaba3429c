import Foundation
import Glibc
import MariaDB
import Web

/// `nyumba mailer [--until-empty]`: delivers the outbox without serving requests — for a
/// dedicated mailer node or cron. With `--until-empty` it exits once no queued email is
/// due (emails waiting for a later retry do not keep it running).
enum MailerCommand {
    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var untilEmpty = false
        for argument in arguments {
            guard argument == "--until-empty" else { return Commands.fail("mailer: unknown option \(argument)") }
            untilEmpty = true
        }
        let databaseURL: DatabaseURL
        var reader = SettingsReader(environment: environment)
        let settings = MailSettings.read(&reader)
        do {
            (databaseURL, _) = try Config.loadDatabase(from: environment)
        } catch {
            return Commands.fail(error.description)
        }
        guard reader.problems.isEmpty else { return Commands.fail(reader.problems.joined(separator: "\n")) }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            if untilEmpty { return try drain(databaseURL, settings) }
            return try runUntilSignal(databaseURL, settings)
        } catch {
            return Commands.fail("mailer: \(error)")
        }
    }

    /// Sends batches until nothing is due; waits while another mailer's claim locks due emails.
    private static func drain(_ url: DatabaseURL, _ settings: MailSettings) throws -> Int32 {
        let mailer = Mailer(
            db: Connection(url: url), transport: try Mailer.transport(for: settings), settings: settings)
        while true {
            if try mailer.deliverBatch() > 0 { continue }
            if try mailer.dueCount() == 0 { return 0 }
            usleep(200_000)
        }
    }

    private static func runUntilSignal(_ url: DatabaseURL, _ settings: MailSettings) throws -> Int32 {
        let loop = try BackgroundLoop.mailer(databaseURL: url, settings: settings)
        Log.info("mailer: delivering to \(settings.smtpURL == nil ? "files in \(settings.directory)" : "SMTP")")
        return loop.runUntilStopSignal()
    }
}
