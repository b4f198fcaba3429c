import Daraja
import Foundation
import Glibc
import MariaDB
import Web

/// `nyumba reconcile [--once]`: asks Daraja about pending STK pushes without serving
/// requests — for a dedicated node or cron. With `--once` it settles or reschedules what is
/// due now and exits. Needs the same settings as `serve`.
enum ReconcileCommand {
    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var once = false
        for argument in arguments {
            guard argument == "--once" else { return Commands.fail("reconcile: unknown option \(argument)") }
            once = true
        }
        let config: Config
        let views: Views
        do {
            config = try Config.load(from: environment)
            views = try Views(directory: config.templatesDirectory)
        } catch let error as ConfigError {
            return Commands.fail(error.description)
        } catch {
            return Commands.fail(String(describing: error))
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        // Payments recorded here must reach the dashboards of every responder.
        let versions = LandlordDataVersions(redis: config.redisURL)
        let client = DarajaClient.configured(config.daraja)
        if once {
            do {
                let reconciler = Reconciler(
                    db: Connection(url: config.databaseURL), config: config, views: views, client: client,
                    versions: versions)
                var total = 0
                while true {
                    let claimed = try reconciler.reconcileBatch()
                    total += claimed
                    if claimed == 0 { break }
                }
                Log.info("reconcile: \(total) pending payment request(s) looked at")
                return 0
            } catch {
                return Commands.fail("reconcile: \(error)")
            }
        }
        return BackgroundLoop.reconciler(config: config, views: views, client: client, versions: versions)
            .runUntilStopSignal()
    }
}
