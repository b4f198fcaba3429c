import Foundation

extension Row {
    /// An integer column (a DECIMAL with no fraction, e.g. `SUM(int)`, also reads).
    public func int64(_ column: some ColumnKey) throws -> Int64 {
        try required(column, "integer", optionalInt64(column))
    }

    /// An integer column, or nil for NULL.
    public func optionalInt64(_ column: some ColumnKey) throws -> Int64? {
        try decode(column, "integer") { value in
            switch value {
            case .int(let number): number
            case .text(let text): Int64(text) ?? wholeDecimal(text)
            default: nil
            }
        }
    }

    /// An integer column by position, for loops over many rows: an integer value is read straight
    /// from `values`, without the generic lookup `int64(_:)` goes through (which, over thousands of
    /// rows, cost more than the query); anything else (a whole DECIMAL, NULL, no such column) is read
    /// or refused exactly as `int64(_:)` does.
    public func int64(at position: Int) throws -> Int64 {
        if values.indices.contains(position), case .int(let number) = values[position] { return number }
        return try int64(position)
    }

    /// An integer column by position, or nil for NULL; see `int64(at:)`.
    public func optionalInt64(at position: Int) throws -> Int64? {
        if values.indices.contains(position) {
            switch values[position] {
            case .int(let number): return number
            case .null: return nil
            default: break
            }
        }
        return try optionalInt64(position)
    }

    /// An integer column as `Int`.
    public func int(_ column: some ColumnKey) throws -> Int { Int(try int64(column)) }

    /// An integer column as `Int`, or nil for NULL.
    public func optionalInt(_ column: some ColumnKey) throws -> Int? { try optionalInt64(column).map { Int($0) } }

    /// A numeric column (FLOAT, DOUBLE, DECIMAL or integer) as `Double`.
    public func double(_ column: some ColumnKey) throws -> Double {
        try required(column, "number", optionalDouble(column))
    }

    /// A numeric column as `Double`, or nil for NULL.
    public func optionalDouble(_ column: some ColumnKey) throws -> Double? {
        try decode(column, "number") { value in
            switch value {
            case .double(let number): number
            case .int(let number): Double(number)
            case .text(let text): Double(text)
            default: nil
            }
        }
    }

    /// A text column (also DECIMAL, date and time columns in their SQL text form).
    public func string(_ column: some ColumnKey) throws -> String {
        try required(column, "text", optionalString(column))
    }

    /// A text column, or nil for NULL.
    public func optionalString(_ column: some ColumnKey) throws -> String? {
        try decode(column, "text") { value in
            switch value {
            case .text(let text): text
            case .bytes(let bytes): String(validating: bytes, as: UTF8.self)
            default: nil
            }
        }
    }

    /// A binary column (BLOB, BINARY, VARBINARY); text columns give their UTF-8 bytes.
    public func bytes(_ column: some ColumnKey) throws -> [UInt8] {
        try required(column, "bytes", optionalBytes(column))
    }

    /// A binary column, or nil for NULL.
    public func optionalBytes(_ column: some ColumnKey) throws -> [UInt8]? {
        try decode(column, "bytes") { value in
            switch value {
            case .bytes(let bytes): bytes
            case .text(let text): Array(text.utf8)
            default: nil
            }
        }
    }

    /// A boolean (integer 0 or non-zero) column.
    public func bool(_ column: some ColumnKey) throws -> Bool {
        try required(column, "boolean", optionalBool(column))
    }

    /// A boolean column, or nil for NULL.
    public func optionalBool(_ column: some ColumnKey) throws -> Bool? {
        try decode(column, "boolean") { value in
            switch value {
            case .int(let number): number != 0
            case .text(let text): Int64(text).map { $0 != 0 }
            default: nil
            }
        }
    }

    /// A DATETIME, TIMESTAMP or DATE column, read as UTC.
    public func date(_ column: some ColumnKey) throws -> Date {
        try required(column, "date", optionalDate(column))
    }

    /// A DATETIME, TIMESTAMP or DATE column read as UTC, or nil for NULL.
    public func optionalDate(_ column: some ColumnKey) throws -> Date? {
        try decode(column, "date") { value in
            if case .text(let text) = value { SQLDateTime.parse(text) } else { nil }
        }
    }

    /// Reads a column through `convert`, passing NULL through as nil; a value `convert`
    /// cannot read is a decoding error naming the column, the wanted type and the value.
    private func decode<T>(_ column: some ColumnKey, _ wanted: String, _ convert: (SQLValue) -> T?) throws -> T? {
        let value = try value(column)
        if value == .null { return nil }
        guard let converted = convert(value) else {
            throw DatabaseError.decoding(column: name(of: column), reason: "expected \(wanted), got \(describe(value))")
        }
        return converted
    }

    private func required<T>(_ column: some ColumnKey, _ wanted: String, _ value: T?) throws -> T {
        guard let value else {
            throw DatabaseError.decoding(column: name(of: column), reason: "expected \(wanted), got NULL")
        }
        return value
    }

    private func name(of column: some ColumnKey) -> String {
        column.index(in: columns).map { columns.names[$0] } ?? column.columnDescription
    }
}

/// `"12.00"` → 12; nil if there is a non-zero fraction or it is not a number.
private func wholeDecimal(_ text: String) -> Int64? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].allSatisfy({ $0 == "0" }) else { return nil }
    return Int64(parts[0])
}

private func describe(_ value: SQLValue) -> String {
    switch value {
    case .null: "NULL"
    case .int(let number): "integer \(number)"
    case .double(let number): "double \(number)"
    case .text(let text): "text \"\(text.prefix(40))\""
    case .bytes(let bytes): "\(bytes.count) bytes"
    }
}
