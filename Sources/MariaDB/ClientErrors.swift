import CMariaDB

/// The last error of a connection handle.
func connectionError(_ mysql: UnsafeMutablePointer<MYSQL>) -> DatabaseError {
    DatabaseError.from(
        code: Int(mysql_errno(mysql)),
        sqlState: String(cString: mysql_sqlstate(mysql)),
        message: String(cString: mysql_error(mysql))
    )
}

/// The last error of a prepared statement. An error the server sends while its rows are being
/// fetched (e.g. a deadlock in `INSERT … RETURNING`) is left on the connection by Connector/C,
/// with none on the statement: then the connection's.
func statementError(_ statement: UnsafeMutablePointer<MYSQL_STMT>) -> DatabaseError {
    if mysql_stmt_errno(statement) == 0, let mysql = statement.pointee.mysql, mysql_errno(mysql) != 0 {
        return connectionError(mysql)
    }
    return DatabaseError.from(
        code: Int(mysql_stmt_errno(statement)),
        sqlState: String(cString: mysql_stmt_sqlstate(statement)),
        message: String(cString: mysql_stmt_error(statement))
    )
}
