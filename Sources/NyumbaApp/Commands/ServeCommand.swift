import FastCGI
import MariaDB
import Web

/// `nyumba serve`: validates the settings, checks the database schema, loads the
/// templates and runs the FastCGI responder until SIGTERM or SIGINT.
///
/// It refuses to start on an unmigrated schema rather than migrating by itself: with
/// several nodes, schema changes are a deliberate step (`nyumba migrate`).
enum ServeCommand {
    static func run(environment: [String: String], arguments: [String] = []) -> Int32 {
        let options = ["--no-mailer", "--no-sms", "--no-reconciler", "--no-scheduler"]
        for argument in arguments where !options.contains(argument) {
            return Commands.fail("serve: unknown option \(argument)")
        }
        let config: Config
        do {
            config = try Config.load(from: environment)
        } catch {
            return Commands.fail(error.description)
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            let connection = Connection(url: config.databaseURL)
            let pending = try Migrator(connection: connection, directory: config.migrationsDirectory)
                .pendingMigrations()
            guard pending.isEmpty else {
                return Commands.fail(
                    "the database schema is not up to date (\(pending.count) pending): run `nyumba migrate`")
            }
        } catch {
            return Commands.fail("cannot check the database at \(config.databaseURL): \(error)")
        }
        let application: NyumbaApplication
        do {
            application = try NyumbaApplication(config: config)
        } catch {
            return Commands.fail(error.description)
        }
        var mailer: BackgroundLoop? = nil
        if !arguments.contains("--no-mailer") {
            do {
                mailer = try BackgroundLoop.mailer(databaseURL: config.databaseURL, settings: config.mail)
                OutboxHandoff.shared.open(.email)
            } catch {
                return Commands.fail("NYUMBA_SMTP_URL: \(error.description)")
            }
        }
        var texter: BackgroundLoop? = nil
        if !arguments.contains("--no-sms") {
            do {
                texter = try BackgroundLoop.smsSender(databaseURL: config.databaseURL, settings: config.sms)
                OutboxHandoff.shared.open(.sms)
            } catch {
                return Commands.fail("NYUMBA_AT_BASE_URL: \(error.description)")
            }
        }
        let reconciler =
            arguments.contains("--no-reconciler")
            ? nil
            : BackgroundLoop.reconciler(
                config: config, views: application.views, client: application.daraja, versions: application.versions)
        var scheduler: BackgroundLoop? = nil
        var charges: BackgroundLoop? = nil
        if !arguments.contains("--no-scheduler") {
            do {
                let clock = try ReminderClock(environment: environment)
                scheduler = BackgroundLoop.reminders(config: config, views: application.views, clock: clock)
                charges = BackgroundLoop.charges(config: config, clock: clock, versions: application.versions)
            } catch {
                return Commands.fail(error.description)
            }
        }
        var listeners = [FastCGIListener(address: config.fastCGIAddress, workers: config.workers)]
        if let address = config.darajaFastCGIAddress {
            listeners.append(FastCGIListener(address: address, workers: config.darajaWorkers))
        }
        let server = FastCGIServer(listeners: listeners)
        do {
            try server.run(
                makeHandler: { worker in application.makeHandler(worker: worker) },
                onListening: {
                    // Started here, after the server blocked the stop signals for new threads.
                    mailer?.start()
                    texter?.start()
                    scheduler?.start()
                    charges?.start()
                    reconciler?.start()
                    Log.startFlusher()
                    var line = "serve: listening on \(config.fastCGIAddress) with \(config.workers) workers"
                    if let address = config.darajaFastCGIAddress {
                        line += ", Daraja's callbacks on \(address) with \(config.darajaWorkers) workers"
                    }
                    Log.info(line)
                })
        } catch {
            return Commands.fail(String(describing: error))
        }
        mailer?.stop()
        texter?.stop()
        scheduler?.stop()
        charges?.stop()
        reconciler?.stop()
        // Messages handed to the senders and not sent yet: due now, for the next process's senders.
        OutboxHandoff.shared.releaseWaiting(on: Connection(url: config.databaseURL))
        Log.info("serve: stopped")
        Log.flush()
        return 0
    }
}
