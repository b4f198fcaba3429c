/// One result row; read columns by name (`row.int("id")`) or by position (`row.int(0)`).
public struct Row: Sendable {
    /// The column names of the result, shared by all its rows.
    public let columns: ColumnNames
    /// The values in column order.
    public let values: [SQLValue]

    /// Creates a row; `values` must be in the order of `columns`.
    public init(columns: ColumnNames, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column, or nil if there is no such column.
    public subscript(_ column: some ColumnKey) -> SQLValue? {
        column.index(in: columns).map { values[$0] }
    }

    /// The raw value of a column; throws if there is no such column.
    public func value(_ column: some ColumnKey) throws -> SQLValue {
        guard let index = column.index(in: columns) else {
            throw DatabaseError.decoding(column: column.columnDescription, reason: "no such column in the result")
        }
        return values[index]
    }
}

/// The column names of a result, with a lookup from name to position.
public final class ColumnNames: Sendable {
    /// The names in column order.
    public let names: [String]
    private let positions: [String: Int]

    /// Indexes the names; when a name repeats, the first column wins.
    public init(_ names: [String]) {
        self.names = names
        self.positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of a column; falls back to a case-insensitive match, as SQL does.
    public func index(of name: String) -> Int? {
        positions[name] ?? names.firstIndex { $0.lowercased() == name.lowercased() }
    }
}

/// A way to pick a column: its name (`String`) or its zero-based position (`Int`).
public protocol ColumnKey {
    /// The column's position in `columns`, or nil if absent.
    func index(in columns: ColumnNames) -> Int?
    /// How the column is named in error messages.
    var columnDescription: String { get }
}

extension String: ColumnKey {
    /// Looks the name up.
    public func index(in columns: ColumnNames) -> Int? { columns.index(of: self) }
    /// The name itself.
    public var columnDescription: String { self }
}

extension Int: ColumnKey {
    /// Checks the position is in range.
    public func index(in columns: ColumnNames) -> Int? { columns.names.indices.contains(self) ? self : nil }
    /// `#n`.
    public var columnDescription: String { "#\(self)" }
}
