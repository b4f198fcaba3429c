import CMariaDB

/// Seconds allowed to establish a connection; a dead server should fail a request fast.
private let connectTimeout: UInt32 = 2
/// Seconds a single read or write on the socket may take.
private let readWriteTimeout: UInt32 = 30

/// Opens a configured client connection to `url`.
func openConnection(_ url: DatabaseURL) throws -> UnsafeMutablePointer<MYSQL> {
    guard let mysql = mysql_init(nil) else {
        throw DatabaseError.connectionLost(code: 2008, message: "mysql_init failed: out of memory")
    }
    setOption(mysql, MYSQL_OPT_CONNECT_TIMEOUT, connectTimeout)
    setOption(mysql, MYSQL_OPT_READ_TIMEOUT, readWriteTimeout)
    setOption(mysql, MYSQL_OPT_WRITE_TIMEOUT, readWriteTimeout)
    setOption(mysql, MYSQL_REPORT_DATA_TRUNCATION, my_bool(1))
    setOption(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
    // Dates are bound and read as UTC text, so NOW() and TIMESTAMP columns must be UTC too.
    setOption(mysql, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'")
    let port = url.socket == nil ? UInt32(url.port) : 0
    // CLIENT_MULTI_STATEMENTS (1 << 16), for `executeAtCommit`'s statements sent with the COMMIT.
    // Every other statement is prepared, and a prepared statement is always one statement.
    let multiStatements: UInt = 1 << 16
    if mysql_real_connect(mysql, url.host, url.user, url.password, url.database, port, url.socket, multiStatements)
        == nil
    {
        let error = connectionError(mysql)
        mysql_close(mysql)
        throw error
    }
    return mysql
}

private func setOption<T>(_ mysql: UnsafeMutablePointer<MYSQL>, _ option: mysql_option, _ value: T) {
    withUnsafePointer(to: value) { _ = mysql_options(mysql, option, $0) }
}

private func setOption(_ mysql: UnsafeMutablePointer<MYSQL>, _ option: mysql_option, _ value: String) {
    value.withCString { _ = mysql_options(mysql, option, $0) }
}
