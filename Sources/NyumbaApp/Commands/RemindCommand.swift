import Foundation
import Glibc
import MariaDB
import Web

/// `nyumba remind [--once]`: sends the automatic rent reminders without serving requests —
/// for cron or a dedicated node. With `--once` it sends what is due today and exits.
/// Needs the same settings as `serve`; `NYUMBA_TODAY` pins the date (for tests).
enum RemindCommand {
    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var once = false
        for argument in arguments {
            guard argument == "--once" else { return Commands.fail("remind: unknown option \(argument)") }
            once = true
        }
        let config: Config
        let views: Views
        let clock: ReminderClock
        do {
            config = try Config.load(from: environment)
            clock = try ReminderClock(environment: environment)
            views = try Views(directory: config.templatesDirectory)
        } catch let error as ConfigError {
            return Commands.fail(error.description)
        } catch {
            return Commands.fail(String(describing: error))
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        guard once else { return runUntilSignal(config, views, clock) }
        guard let today = clock.today() else {
            Log.info("remind: before \(ReminderClock.firstHour):00 in Nairobi; nothing sent")
            return 0
        }
        do {
            let scheduler = ReminderScheduler(db: Connection(url: config.databaseURL), views: views, config: config)
            let sent = try scheduler.run(today: today)
            Log.info("remind: \(sent) automatic reminder(s) queued for \(today)")
            return 0
        } catch {
            return Commands.fail("remind: \(error)")
        }
    }

    private static func runUntilSignal(_ config: Config, _ views: Views, _ clock: ReminderClock) -> Int32 {
        BackgroundLoop.reminders(config: config, views: views, clock: clock).runUntilStopSignal()
    }
}
