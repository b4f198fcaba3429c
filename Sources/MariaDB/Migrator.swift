import Foundation

/// Applies versioned migrations once per database and records them in `schema_migrations`.
///
/// `migrate()` holds the MariaDB lock `<database>.migrate` for the whole run, so nodes
/// starting together never migrate at once: the second waits, then finds nothing to do.
public final class Migrator {
    /// The connection migrations run on.
    public let connection: Connection
    /// All known migrations, ordered by version.
    public let migrations: [Migration]
    /// Receives warnings, e.g. that an applied migration's file has since changed.
    public var warn: (String) -> Void = { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }
    /// Seconds to wait for another node's migration run to finish.
    public var lockTimeout = 60

    /// A migrator for the `NNNN_name.sql` files in `directory`.
    public convenience init(connection: Connection, directory: String) throws {
        self.init(connection: connection, migrations: try Migration.load(directory: directory))
    }

    /// A migrator for the given migrations.
    public init(connection: Connection, migrations: [Migration]) {
        self.connection = connection
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Migrations not yet applied to the database, in order; changes nothing.
    public func pendingMigrations() throws -> [Migration] {
        guard try tableExists() else { return migrations }
        let applied = try appliedChecksums()
        return migrations.filter { applied[$0.version] == nil }
    }

    /// Applied migrations whose file no longer matches the checksum recorded then.
    public func changedMigrations() throws -> [Migration] {
        guard try tableExists() else { return [] }
        let applied = try appliedChecksums()
        return migrations.filter { migration in
            guard let recorded = applied[migration.version], let recorded else { return false }
            return recorded != migration.checksum
        }
    }

    /// Applies the pending migrations in order and returns them.
    @discardableResult
    public func migrate() throws -> [Migration] {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INT PRIMARY KEY,
                name VARCHAR(255) NOT NULL,
                applied_at DATETIME(6) NOT NULL,
                checksum VARCHAR(64) NULL
            )
            """)
        let lock = String("\(connection.url.database).migrate".prefix(64))
        let acquired = try connection.queryOne("SELECT GET_LOCK(?, ?)", lock, lockTimeout)?.optionalInt(0)
        guard acquired == 1 else {
            throw DatabaseError.migration("could not get lock \(lock) within \(lockTimeout) s")
        }
        defer { _ = try? connection.query("SELECT RELEASE_LOCK(?)", lock) }

        // Read under the lock: another node may have applied some while we waited.
        let applied = try appliedChecksums()
        for migration in try changedMigrations() {
            warn("migration \(migration.version)_\(migration.name) changed since it was applied")
        }
        var done: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            try apply(migration)
            done.append(migration)
        }
        return done
    }

    private func apply(_ migration: Migration) throws {
        let label = "\(migration.version)_\(migration.name)"
        for (number, statement) in try migration.statements().enumerated() {
            do {
                try connection.executeUncached(statement)
            } catch let error as DatabaseError where !error.isConnectionLost {
                throw DatabaseError.migration("\(label), statement \(number + 1): \(error)")
            }
        }
        try connection.execute(
            "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)",
            migration.version, migration.name, Date(), migration.checksum)
    }

    private func tableExists() throws -> Bool {
        try connection.queryOne(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
            "schema_migrations") != nil
    }

    /// Applied versions and their recorded checksums (nil if none was recorded).
    private func appliedChecksums() throws -> [Int: String?] {
        var applied: [Int: String?] = [:]
        for row in try connection.query("SELECT version, checksum FROM schema_migrations") {
            applied[try row.int("version")] = try row.optionalString("checksum")
        }
        return applied
    }
}
