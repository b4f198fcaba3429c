import Foundation
import MariaDB
import Web

/// `nyumba charges [--once]`: adds the day's monthly charges and late fees without serving
/// requests — for cron or a dedicated node. With `--once` it adds what falls on today and exits.
/// Needs the same settings as `serve`; `NYUMBA_TODAY` pins the date (for tests).
enum ChargesCommand {
    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var once = false
        for argument in arguments {
            guard argument == "--once" else { return Commands.fail("charges: unknown option \(argument)") }
            once = true
        }
        let config: Config
        let clock: ReminderClock
        do {
            config = try Config.load(from: environment)
            clock = try ReminderClock(environment: environment)
        } catch {
            return Commands.fail(error.description)
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        // Charges added here must reach the dashboards of every responder.
        let versions = LandlordDataVersions(redis: config.redisURL)
        guard once else {
            return BackgroundLoop.charges(config: config, clock: clock, versions: versions).runUntilStopSignal()
        }
        guard let today = clock.today() else {
            Log.info("charges: before \(ReminderClock.firstHour):00 in Nairobi; nothing added")
            return 0
        }
        do {
            let db = Connection(url: config.databaseURL)
            let monthly = try MonthlyCharges(db: db, versions: versions).run(today: today)
            let fees = try LateFees(db: db, versions: versions).run(today: today)
            Log.info("charges: \(monthly) monthly charge(s), \(fees) late fee(s) for \(today)")
            return 0
        } catch {
            return Commands.fail("charges: \(error)")
        }
    }
}
