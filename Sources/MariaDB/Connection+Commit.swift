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
        commitStatements.append(try SQLLiteral.inline(sql, parameters.map { $0?.sqlValue ?? .null }))
    }

    /// Commits: a COMMIT, or the statements of `executeAtCommit` and the COMMIT in one round trip.
    /// Throws `StatementBeforeCommitFailed` when a statement before the COMMIT failed on the server
    /// (the COMMIT did not run); any other error may have come after the commit happened.
    func commit() throws {
        guard !commitStatements.isEmpty else {
            try execute("COMMIT")
            return
        }
        let statements = commitStatements + ["COMMIT"]
        commitStatements = []
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
