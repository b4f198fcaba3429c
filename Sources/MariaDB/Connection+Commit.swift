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

    /// Commits: a COMMIT, or the statements of `executeAtCommit` and the COMMIT in one round trip.
    /// Throws `StatementBeforeCommitFailed` when a statement before the COMMIT failed on the server
    /// (the COMMIT did not run); any other error may have come after the commit happened.
    func commit() throws {
        guard !commitStatements.isEmpty else {
            try execute("COMMIT")
            return
        }
        let statements = commitStatements.map(\.text) + ["COMMIT"]
        commitStatements = []
        commitRowStatements = [:]
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
            // None of these statements returns rows; a result set, if any, is read and dropped.
            if mysql_field_count(mysql) > 0 { mysql_free_result(mysql_store_result(mysql)) }
            status = mysql_next_result(mysql)
            if status == -1 { return }
            index += 1
        }
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
