import MariaDB

/// Multi-row INSERTs for seeding: rows are buffered and written `rowsPerStatement` at a
/// time with `?` placeholders (one prepared statement per row count, cached by the
/// connection), `statementsPerTransaction` statements to a transaction.
final class BulkInsert {
    private let db: Connection
    private let prefix: String
    private let columnCount: Int
    private let rowsPerStatement: Int
    private let statementsPerTransaction: Int
    private var pending: [SQLValue] = []
    /// Rows written so far.
    private(set) var rowCount = 0

    init(
        db: Connection, table: String, columns: [String], rowsPerStatement: Int = 1_000,
        statementsPerTransaction: Int = 5
    ) {
        self.db = db
        prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        columnCount = columns.count
        self.rowsPerStatement = rowsPerStatement
        self.statementsPerTransaction = statementsPerTransaction
        pending.reserveCapacity(columns.count * rowsPerStatement * statementsPerTransaction)
    }

    /// Buffers one row (values in column order); writes when a transaction's worth is ready.
    func add(_ row: [SQLValue]) throws {
        precondition(row.count == columnCount, "BulkInsert: \(row.count) values for \(columnCount) columns")
        pending.append(contentsOf: row)
        if pending.count >= columnCount * rowsPerStatement * statementsPerTransaction { try flush() }
    }

    /// Writes every buffered row.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let perStatement = columnCount * rowsPerStatement
        try db.transaction {
            var start = 0
            while start < pending.count {
                let end = min(start + perStatement, pending.count)
                let rows = (end - start) / columnCount
                try db.execute(sql(rows: rows), parameters: Array(pending[start..<end]))
                start = end
            }
        }
        rowCount += pending.count / columnCount
        pending.removeAll(keepingCapacity: true)
    }

    private var statements: [Int: String] = [:]

    private func sql(rows: Int) -> String {
        if let sql = statements[rows] { return sql }
        let row = "(" + sqlPlaceholders(columnCount) + ")"
        let sql = prefix + Array(repeating: row, count: rows).joined(separator: ", ")
        statements[rows] = sql
        return sql
    }
}
