/// An error from the database layer: the server's or client's error number and message,
/// or a problem found on this side (URL, parameters, decoding, migrations).
public enum DatabaseError: Error, Equatable, CustomStringConvertible {
    /// The database URL is malformed; the text says what is wrong.
    case invalidURL(String)
    /// The server (or client library) refused a statement.
    case server(code: Int, sqlState: String, message: String)
    /// The connection is gone (server restarted, killed, unreachable); retrying later works.
    case connectionLost(code: Int, message: String)
    /// The number of bound parameters does not match the statement's placeholders.
    case parameterCount(expected: Int, given: Int)
    /// A column is missing or its value cannot be read as the requested type.
    case decoding(column: String, reason: String)
    /// A migration file or run failed.
    case migration(String)

    /// Client and server error numbers that mean the connection is unusable.
    static let connectionLostCodes: Set<Int> = [
        1053,  // ER_SERVER_SHUTDOWN
        1927,  // ER_CONNECTION_KILLED
        2002,  // CR_CONNECTION_ERROR
        2003,  // CR_CONN_HOST_ERROR
        2006,  // CR_SERVER_GONE_ERROR
        2013,  // CR_SERVER_LOST
        2055,  // CR_SERVER_LOST_EXTENDED
        4031,  // ER_CLIENT_INTERACTION_TIMEOUT
    ]

    /// Builds the right case for an error number reported by the client library.
    static func from(code: Int, sqlState: String, message: String) -> DatabaseError {
        connectionLostCodes.contains(code)
            ? .connectionLost(code: code, message: message)
            : .server(code: code, sqlState: sqlState, message: message)
    }

    /// True when the connection is gone; the next call on the `Connection` reconnects.
    public var isConnectionLost: Bool {
        if case .connectionLost = self { return true }
        return false
    }

    /// The server's or client's error number, if this error came from MariaDB.
    public var errorNumber: Int? {
        switch self {
        case .server(let code, _, _), .connectionLost(let code, _): code
        default: nil
        }
    }

    /// True for a unique or primary key violation (error 1062).
    public var isDuplicateKey: Bool { errorNumber == 1062 }

    /// True when InnoDB rolled the transaction back as a deadlock's victim (1213) or its lock wait
    /// timed out (1205): running it again may succeed.
    public var isLockConflict: Bool { errorNumber == 1213 || errorNumber == 1205 }

    /// A one-line explanation, safe to log.
    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid database URL: \(reason)"
        case .server(let code, let state, let message): "MariaDB error \(code) (\(state)): \(message)"
        case .connectionLost(let code, let message): "MariaDB connection lost (\(code)): \(message)"
        case .parameterCount(let expected, let given):
            "statement has \(expected) placeholders but \(given) parameters were given"
        case .decoding(let column, let reason): "column \(column): \(reason)"
        case .migration(let reason): "migration failed: \(reason)"
        }
    }
}
