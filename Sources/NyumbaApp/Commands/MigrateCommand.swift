import MariaDB
import Web

/// `nyumba migrate`: applies pending migrations under a database lock, so that several
/// nodes starting at once never migrate twice.
enum MigrateCommand {
    static func run(environment: [String: String]) -> Int32 {
        let url: DatabaseURL
        let directory: String
        do {
            (url, directory) = try Config.loadDatabase(from: environment)
        } catch {
            return Commands.fail(error.description)
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            let connection = Connection(url: url)
            let applied = try Migrator(connection: connection, directory: directory).migrate()
            if applied.isEmpty {
                Log.info("migrate: the database is up to date")
            } else {
                for migration in applied { Log.info("migrate: applied \(migration.version) \(migration.name)") }
            }
            // Units that existed before paybill account numbers (migration 0009) get theirs.
            var filled = 0
            repeat {
                filled = try UnitAccountStore(db: connection).fillMissing()
                if filled > 0 { Log.info("migrate: gave \(filled) units a paybill account number") }
            } while filled > 0
            return 0
        } catch {
            return Commands.fail("migration failed: \(error)")
        }
    }
}
