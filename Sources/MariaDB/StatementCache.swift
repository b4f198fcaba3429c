/// Prepared statements of one connection by SQL text, evicting the least recently used
/// beyond `capacity`. Re-using a statement saves a round trip and the server's parsing.
final class StatementCache {
    let capacity: Int
    private var statements: [String: PreparedStatement] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// How many statements are cached.
    var count: Int { statements.count }

    /// The cached statement for `sql`, or a new one from `prepare`.
    func statement(for sql: String, prepare: () throws -> PreparedStatement) rethrows -> PreparedStatement {
        clock += 1
        if let statement = statements[sql] {
            statement.lastUse = clock
            return statement
        }
        let statement = try prepare()
        statement.lastUse = clock
        if statements.count >= capacity, let oldest = statements.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            statements[oldest.key] = nil
        }
        statements[sql] = statement
        return statement
    }

    /// Forgets the least recently used half of the statements (closing them on the server).
    func removeOlderHalf() {
        let oldest = statements.sorted { $0.value.lastUse < $1.value.lastUse }.prefix((statements.count + 1) / 2)
        for (sql, _) in oldest { statements[sql] = nil }
    }

    /// Forgets one statement (e.g. one the server asks to re-prepare).
    func remove(_ sql: String) {
        statements[sql] = nil
    }

    /// Forgets every statement; statements belong to a connection and die with it.
    func removeAll() {
        statements.removeAll()
    }
}
