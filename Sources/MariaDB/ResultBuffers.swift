import CMariaDB

/// Output buffers for a statement's result columns, built from the result metadata and
/// reused for every row and every execution while the metadata stays the same.
final class ResultBuffers {
    /// How a column is fetched and turned into a `SQLValue`.
    private enum Kind {
        case integer(unsigned: Bool)
        case double
        case text
        case bytes
    }

    /// Longest buffer allocated up front; longer values are re-fetched (see `fetchAll`).
    private static let initialCapacityLimit = 1024

    /// The metadata these buffers were built for; the library replaces it when the
    /// server re-sends changed metadata, which is how a change is noticed.
    let fields: UnsafeMutablePointer<MYSQL_FIELD>
    let count: Int
    private let columns: ColumnNames
    private let kinds: [Kind]
    private let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<my_bool>
    private let errors: UnsafeMutablePointer<my_bool>
    private var buffers: [UnsafeMutableRawPointer]
    private var capacities: [Int]

    init(fields: UnsafeMutablePointer<MYSQL_FIELD>, count: Int) {
        self.fields = fields
        self.count = count
        binds = .allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        nulls = .allocate(capacity: count)
        nulls.initialize(repeating: 0, count: count)
        errors = .allocate(capacity: count)
        errors.initialize(repeating: 0, count: count)
        var names: [String] = []
        var kinds: [Kind] = []
        buffers = []
        capacities = []
        for index in 0..<count {
            let field = fields[index]
            let kind = Self.kind(of: field)
            let capacity: Int
            switch kind {
            case .integer, .double: capacity = 8
            case .text, .bytes: capacity = min(max(Int(field.length) + 1, 64), Self.initialCapacityLimit)
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            var bind = MYSQL_BIND()
            bind.buffer = buffer
            bind.buffer_length = UInt(capacity)
            bind.length = lengths + index
            bind.is_null = nulls + index
            bind.error = errors + index
            switch kind {
            case .integer(let unsigned):
                bind.buffer_type = MYSQL_TYPE_LONGLONG
                bind.is_unsigned = unsigned ? 1 : 0
            case .double: bind.buffer_type = MYSQL_TYPE_DOUBLE
            case .text: bind.buffer_type = MYSQL_TYPE_STRING
            case .bytes: bind.buffer_type = MYSQL_TYPE_BLOB
            }
            binds[index] = bind
            names.append(field.name.map { String(cString: $0) } ?? "")
            kinds.append(kind)
            buffers.append(buffer)
            capacities.append(capacity)
        }
        self.kinds = kinds
        columns = ColumnNames(names)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
        binds.deallocate()
        lengths.deallocate()
        nulls.deallocate()
        errors.deallocate()
    }

    /// Integers as Int64, floats as Double, binary strings and BIT as bytes, everything
    /// else (character data, DECIMAL, dates, JSON…) in its SQL text form.
    private static func kind(of field: MYSQL_FIELD) -> Kind {
        let binaryCharset: UInt32 = 63
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_INT24, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG,
            MYSQL_TYPE_YEAR:
            return .integer(unsigned: field.flags & UInt32(UNSIGNED_FLAG) != 0)
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            return .double
        case MYSQL_TYPE_BIT, MYSQL_TYPE_GEOMETRY:
            return .bytes
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
            MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR:
            return field.charsetnr == binaryCharset ? .bytes : .text
        default:
            return .text
        }
    }

    /// Hands the buffers to the statement; needed again whenever a buffer is replaced.
    func bind(to statement: UnsafeMutablePointer<MYSQL_STMT>) throws {
        if mysql_stmt_bind_result(statement, binds) != 0 {
            throw statementError(statement)
        }
    }

    /// Fetches every remaining row of the current result.
    func fetchAll(from statement: UnsafeMutablePointer<MYSQL_STMT>) throws -> [Row] {
        var rows: [Row] = []
        while true {
            let status = mysql_stmt_fetch(statement)
            if status == MYSQL_NO_DATA { return rows }
            // MYSQL_DATA_TRUNCATED means a value did not fit: decodeRow notices by length.
            guard status == 0 || status == MYSQL_DATA_TRUNCATED else { throw statementError(statement) }
            rows.append(Row(columns: columns, values: try decodeRow(statement)))
        }
    }

    private func decodeRow(_ statement: UnsafeMutablePointer<MYSQL_STMT>) throws -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(count)
        var grown = false
        for index in 0..<count {
            if nulls[index] != 0 {
                values.append(.null)
                continue
            }
            switch kinds[index] {
            case .integer(let unsigned):
                let raw = buffers[index].load(as: UInt64.self)
                values.append(
                    unsigned && raw > UInt64(Int64.max) ? .text(String(raw)) : .int(Int64(bitPattern: raw)))
            case .double:
                values.append(.double(buffers[index].load(as: Double.self)))
            case .text, .bytes:
                let length = Int(lengths[index])
                if length > capacities[index] {
                    try refetch(column: index, length: length, from: statement)
                    grown = true
                }
                let bytes = UnsafeRawBufferPointer(start: buffers[index], count: length)
                if case .text = kinds[index] {
                    values.append(.text(String(decoding: bytes, as: UTF8.self)))
                } else {
                    values.append(.bytes(Array(bytes)))
                }
            }
        }
        // The statement still points at the replaced buffers: rebind before the next fetch.
        if grown { try bind(to: statement) }
        return values
    }

    /// Reads a value longer than its buffer again, into a buffer big enough for it.
    private func refetch(column index: Int, length: Int, from statement: UnsafeMutablePointer<MYSQL_STMT>) throws {
        let capacity = max(length, capacities[index] * 2)
        buffers[index].deallocate()
        buffers[index] = .allocate(byteCount: capacity, alignment: 8)
        capacities[index] = capacity
        binds[index].buffer = buffers[index]
        binds[index].buffer_length = UInt(capacity)
        if mysql_stmt_fetch_column(statement, binds + index, UInt32(index), 0) != 0 {
            throw statementError(statement)
        }
    }
}
