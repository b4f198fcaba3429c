import CMariaDB

/// The last error of a connection handle.
func connectionError(_ mysql: UnsafeMutablePointer<MYSQL>) -> DatabaseError {
    DatabaseError.from(
        code: Int(mysql_errno(mysql)),
        sqlState: String(cString: mysql_sqlstate(mysql)),
        message: String(cString: mysql_error(mysql))
    )
}

/// The last error of a prepared statement.
func statementError(_ statement: UnsafeMutablePointer<MYSQL_STMT>) -> DatabaseError {
    DatabaseError.from(
        code: Int(mysql_stmt_errno(statement)),
        sqlState: String(cString: mysql_stmt_sqlstate(statement)),
        message: String(cString: mysql_stmt_error(statement))
    )
}
