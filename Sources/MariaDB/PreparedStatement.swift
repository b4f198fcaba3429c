import CMariaDB

/// A server-side prepared statement with its parameter and result buffers.
final class PreparedStatement {
    /// What one execution produced.
    struct Outcome {
        var rows: [Row]
        var affectedRows: UInt64
        var insertID: UInt64
    }

    let sql: String
    /// When the cache last handed this statement out, for least-recently-used eviction.
    var lastUse: UInt64 = 0
    private let handle: UnsafeMutablePointer<MYSQL_STMT>
    private let parameters: ParameterBuffers
    private var results: ResultBuffers?

    /// Prepares `sql` on the connection; throws the server's error (e.g. a syntax error).
    init(sql: String, connection: UnsafeMutablePointer<MYSQL>) throws {
        guard let handle = mysql_stmt_init(connection) else { throw connectionError(connection) }
        let status = sql.utf8CString.withUnsafeBufferPointer {
            mysql_stmt_prepare(handle, $0.baseAddress, UInt($0.count - 1))
        }
        if status != 0 {
            let error = statementError(handle)
            mysql_stmt_close(handle)
            throw error
        }
        self.sql = sql
        self.handle = handle
        parameters = ParameterBuffers(count: Int(mysql_stmt_param_count(handle)))
    }

    /// Frees the statement; after `mysql_close` the library has detached it from the
    /// connection, so this only releases memory.
    deinit {
        mysql_stmt_close(handle)
    }

    /// Binds `values`, executes, and reads every row the statement returns.
    func run(_ values: [SQLValue]) throws -> Outcome {
        try parameters.bind(values, to: handle)
        if mysql_stmt_execute(handle) != 0 { throw statementError(handle) }
        var rows: [Row] = []
        let fieldCount = Int(mysql_stmt_field_count(handle))
        if fieldCount > 0, let fields = handle.pointee.fields {
            let buffers = try resultBuffers(fields: fields, count: fieldCount)
            do {
                rows = try buffers.fetchAll(from: handle)
            } catch {
                mysql_stmt_free_result(handle)
                throw error
            }
        }
        return Outcome(
            rows: rows, affectedRows: mysql_stmt_affected_rows(handle), insertID: mysql_stmt_insert_id(handle))
    }

    /// The current buffers, rebuilt if the server sent new metadata (e.g. after ALTER TABLE).
    private func resultBuffers(fields: UnsafeMutablePointer<MYSQL_FIELD>, count: Int) throws -> ResultBuffers {
        if let results, results.fields == fields, results.count == count { return results }
        let fresh = ResultBuffers(fields: fields, count: count)
        try fresh.bind(to: handle)
        results = fresh
        return fresh
    }
}
