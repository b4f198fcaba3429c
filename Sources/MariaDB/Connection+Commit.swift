import CMariaDB

extension Connection {
    /// Runs a statement for its effect as the current transaction commits: it is sent to the
    /// server together with the other such statements and the COMMIT, in one round trip, and
    /// runs after all `beforeCommit` work (at once, as a prepared statement, when there is no
    /// transaction). If it fails, the transaction rolls back and `transaction` throws its error.
    ///
    /// For writes whose result nobody reads (running totals, an audit row): each one saved is a
    /// round trip saved. Parameters are written into the text as literals (`SQLLiteral`: text
    /// and bytes always in hexadecimal), since the text protocol has no binding.
    public func executeAtCommit(_ sql: String, _ parameters: (any SQLBindable)?...) throws {
        try executeAtCommit(sql, parameters: parameters)
    }

    /// `executeAtCommit` with an array of parameters.
    public func executeAtCommit(_ sql: String, parameters: [(any SQLBindable)?]) throws {
        guard inTransaction else {
            try execute(sql, parameters: parameters)
            return
        }
        commitStatements.append(.text(try SQLLiteral.inline(sql, parameters.map { $0?.sqlValue ?? .null })))
    }

    /// Runs `statement` with `rows` (one parameter list per row) as the current transaction
    /// commits, like `executeAtCommit(_:parameters:)`, except that the rows of every call with the
    /// same statement in the transaction are sent as one statement, at the place of the first
    /// call: so a transaction that settles many payments writes each table once. Its rows may
    /// therefore run before statements queued between the calls; use it only where that cannot
    /// matter (appended rows; running totals that the statement itself orders).
    public func executeAtCommit(_ statement: RowStatement, rows: [[(any SQLBindable)?]]) throws {
        guard !rows.isEmpty else { return }
        guard inTransaction else {
            try execute(
                statement.sql(rows: rows.count), parameters: rows.flatMap { $0 })
            return
        }
        let inlined = try rows.map { try SQLLiteral.inline(statement.row, $0.map { $0?.sqlValue ?? .null }) }
        if let index = commitRowStatements[statement], case .rows(_, let queued) = commitStatements[index] {
            commitStatements[index] = .rows(statement, queued + inlined)
        } else {
            commitRowStatements[statement] = commitStatements.count
            commitStatements.append(.rows(statement, inlined))
        }
    }

    /// `executeAtCommit(_:rows:)` for a statement that ends in `RETURNING` one integer column (an
    /// INSERT's new ids): once the transaction has committed, `committed` gets the values of this
    /// call's rows, in their order. It is never called when the transaction rolls back, when the
    /// commit's outcome is unknown (the connection was lost on the way), or when the values returned
    /// are not one integer per row.
    public func executeAtCommit(
        _ statement: RowStatement, rows: [[(any SQLBindable)?]], returning committed: @escaping ([Int64]) -> Void
    ) throws {
        guard !rows.isEmpty else { return }
        guard inTransaction else {
            let values = try query(statement.sql(rows: rows.count), parameters: rows.flatMap { $0 })
            committed(try values.map { try $0.int64(0) })
            return
        }
        var queued = 0
        if let index = commitRowStatements[statement], case .rows(_, let earlier) = commitStatements[index] {
            queued = earlier.count
        }
        try executeAtCommit(statement, rows: rows)
        commitReceivers[commitRowStatements[statement]!, default: []].append((queued..<queued + rows.count, committed))
    }

    /// Commits: a COMMIT, or the statements of `executeAtCommit` and the COMMIT in one round trip.
    /// Throws `StatementBeforeCommitFailed` when a statement before the COMMIT failed on the server
    /// (the COMMIT did not run); any other error may have come after the commit happened.
    func commit() throws {
        guard !commitStatements.isEmpty else {
            try execute("COMMIT")
            return
        }
        let statements = commitStatements.map(\.text) + ["COMMIT"]
        let receivers = commitReceivers
        commitStatements = []
        commitRowStatements = [:]
        commitReceivers = [:]
        var deliveries: [() -> Void] = []
        let mysql = try connectedHandle()
        let text = statements.joined(separator: ";\n")
        var status = text.utf8CString.withUnsafeBufferPointer {
            mysql_real_query(mysql, $0.baseAddress, UInt($0.count - 1))
        }
        var index = 0
        while true {
            if status != 0 {
                let error = connectionError(mysql)
                if error.isConnectionLost {
                    connectionWasLost()
                    throw error
                }
                guard index == statements.count - 1 else { throw StatementBeforeCommitFailed(error: error) }
                throw error
            }
            // A result set is read for its receivers (`returning`), else dropped.
            if mysql_field_count(mysql) > 0 {
                let result = mysql_store_result(mysql)
                defer { mysql_free_result(result) }
                if let calls = receivers[index], let values = Self.firstColumn(of: result) {
                    for call in calls where call.rows.upperBound <= values.count {
                        let mine = Array(values[call.rows])
                        deliveries.append { call.receive(mine) }
                    }
                }
            }
            status = mysql_next_result(mysql)
            if status == -1 {
                // Every statement and the COMMIT succeeded.
                for delivery in deliveries { delivery() }
                return
            }
            index += 1
        }
    }
}

extension Connection {
    /// The first column of a text-protocol result as integers; nil if one is NULL or not a number.
    fileprivate static func firstColumn(of result: UnsafeMutablePointer<MYSQL_RES>?) -> [Int64]? {
        guard let result else { return nil }
        var values: [Int64] = []
        while let row = mysql_fetch_row(result) {
            guard let text = row[0], let value = Int64(String(cString: text)) else { return nil }
            values.append(value)
        }
        return values
    }
}

/// A statement sent before the COMMIT failed, so the COMMIT never ran: the transaction rolls back.
struct StatementBeforeCommitFailed: Error {
    let error: DatabaseError
}

/// A statement queued to run with the COMMIT: text, or the rows of a `RowStatement` so far.
enum CommitStatement {
    case text(String)
    /// The statement and its rows, parameters written in.
    case rows(RowStatement, [String])

    var text: String {
        switch self {
        case .text(let text): text
        case .rows(let statement, let rows): statement.head + rows.joined(separator: ", ") + statement.tail
        }
    }
}

/// A statement made of rows: `head`, then `row` once per row (its `?` placeholders bound per
/// row), separated by ", ", then `tail`. For example an `INSERT … VALUES` with `tail` empty, or
/// `… WITH v(a, b) AS (VALUES` + `(?, ?)` + `) SELECT … FROM v …`.
public struct RowStatement: Hashable, Sendable {
    public let head: String
    public let row: String
    public let tail: String

    public init(head: String, row: String, tail: String = "") {
        self.head = head
        self.row = row
        self.tail = tail
    }

    /// The statement's text for `rows` rows.
    public func sql(rows: Int) -> String {
        head + Array(repeating: row, count: rows).joined(separator: ", ") + tail
    }
}
