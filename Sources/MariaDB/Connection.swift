import CMariaDB

/// One connection to MariaDB with its cache of prepared statements.
///
/// A connection belongs to one thread at a time and is not `Sendable`; give each thread
/// its own. It connects on first use, and after the connection is lost (the error has
/// `isConnectionLost`) the next call connects again — except inside `transaction`, which
/// fails instead. Sessions run in UTC (`time_zone = '+00:00'`) with utf8mb4.
public final class Connection {
    /// Where this connection goes.
    public let url: DatabaseURL
    /// How many statements were prepared (not found in the cache) since creation.
    public private(set) var preparedStatementCount = 0

    let statements: StatementCache
    private var handle: UnsafeMutablePointer<MYSQL>?
    /// True inside `transaction`'s body: a nested `transaction` joins the outer one.
    public internal(set) var inTransaction = false
    var transactionLost = false
    /// Work to run once the current transaction has committed (see `afterCommit`).
    var commitHooks: [() -> Void] = []
    /// Statements to run last in the current transaction (see `beforeCommit`).
    var preCommitWork: [() throws -> Void] = []
    /// Statements, parameters written in, to send with the COMMIT (see `executeAtCommit`).
    var commitStatements: [CommitStatement] = []
    /// Where each `RowStatement` queued in this transaction is in `commitStatements`.
    var commitRowStatements: [RowStatement: Int] = [:]
    /// Who reads the values each queued statement returns, by its place in `commitStatements`
    /// (see `executeAtCommit(_:rows:returning:)`): each call's rows (their place among the
    /// statement's rows) and receiver.
    var commitReceivers: [Int: [(rows: Range<Int>, receive: ([Int64]) -> Void)]] = [:]

    /// Creates an unconnected connection; also initialises the client library for the
    /// process and for the calling thread (see `MariaDBClient`).
    public init(url: DatabaseURL, statementCacheSize: Int = 256) {
        self.url = url
        statements = StatementCache(capacity: statementCacheSize)
        MariaDBClient.threadInit()
    }

    deinit {
        close()
    }

    /// True while a connection to the server is open (it may still have died unnoticed).
    public var isConnected: Bool { handle != nil }

    /// How many prepared statements are cached.
    public var cachedStatementCount: Int { statements.count }

    /// Connects now rather than on first use; does nothing if already connected.
    public func connect() throws {
        _ = try connectedHandle()
    }

    /// Closes the connection; the next call connects again.
    public func close() {
        if let handle { mysql_close(handle) }
        handle = nil
        // After mysql_close the statements are detached, so closing them only frees memory.
        statements.removeAll()
    }

    /// True if the server answers, reconnecting first if the connection was lost.
    public func ping() -> Bool {
        guard let mysql = try? connectedHandle() else { return false }
        if mysql_ping(mysql) == 0 { return true }
        connectionWasLost()
        guard let mysql = try? connectedHandle() else { return false }
        return mysql_ping(mysql) == 0
    }

    /// Prepares (or finds in the cache) and runs `sql`; with `cached` false the statement
    /// is closed afterwards (one-off DDL, migrations).
    ///
    /// A lost connection is closed so that the next call reconnects. A read that fails on
    /// an open connection (e.g. after a server restart) is retried once on a new one, so
    /// readers recover unnoticed; a write is not, since it may already have happened.
    func run(_ sql: String, _ values: [SQLValue], cached: Bool = true) throws -> PreparedStatement.Outcome {
        let hadConnection = handle != nil
        do {
            return try runOnce(sql, values, cached: cached)
        } catch let error as DatabaseError
            where error.isConnectionLost && hadConnection && !inTransaction && isReadOnly(sql)
        {
            return try runOnce(sql, values, cached: cached)
        }
    }

    private func runOnce(_ sql: String, _ values: [SQLValue], cached: Bool) throws -> PreparedStatement.Outcome {
        let mysql = try connectedHandle()
        do {
            guard cached else {
                preparedStatementCount += 1
                return try PreparedStatement(sql: sql, connection: mysql).run(values)
            }
            return try statement(for: sql, on: mysql).run(values)
        } catch let error as DatabaseError where error.errorNumber == 1615 || error.errorNumber == 2057 {
            // The table changed under a cached statement (ER_NEED_REPREPARE, or
            // CR_NEW_STMT_METADATA: its columns changed). Prepare it afresh; run it again
            // only if that is harmless, since with 2057 the server has already run it once.
            statements.remove(sql)
            guard error.errorNumber == 1615 || isReadOnly(sql) else { throw error }
            return try statement(for: sql, on: mysql).run(values)
        } catch let error as DatabaseError where error.isConnectionLost {
            connectionWasLost()
            throw error
        }
    }

    private func statement(for sql: String, on mysql: UnsafeMutablePointer<MYSQL>) throws -> PreparedStatement {
        try statements.statement(for: sql) {
            preparedStatementCount += 1
            do {
                return try PreparedStatement(sql: sql, connection: mysql)
            } catch let error as DatabaseError where error.errorNumber == 1461 {
                // ER_MAX_PREPARED_STMT_COUNT_REACHED: the server holds as many prepared statements as
                // max_prepared_stmt_count allows, over every connection. This one gives back the older
                // half of its own and tries once more.
                statements.removeOlderHalf()
                return try PreparedStatement(sql: sql, connection: mysql)
            }
        }
    }

    /// Forgets the dead connection; inside a transaction, later calls fail until it ends,
    /// since reconnecting would silently run the rest outside the transaction.
    func connectionWasLost() {
        if inTransaction { transactionLost = true }
        close()
    }

    func connectedHandle() throws -> UnsafeMutablePointer<MYSQL> {
        if let handle { return handle }
        if inTransaction {
            throw DatabaseError.connectionLost(code: 2006, message: "connection lost during a transaction")
        }
        let mysql = try openConnection(url)
        handle = mysql
        return mysql
    }
}

/// True for statements that only read, so that running them twice is harmless.
private func isReadOnly(_ sql: String) -> Bool {
    let keyword = sql.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(6).uppercased()
    return keyword.hasPrefix("SELECT") || keyword.hasPrefix("SHOW") || keyword.hasPrefix("WITH")
}

/// A connection and its statements belong to one thread at a time.
@available(*, unavailable)
extension Connection: Sendable {}
