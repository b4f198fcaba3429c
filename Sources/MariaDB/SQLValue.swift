/// A value sent to or read from MariaDB.
public enum SQLValue: Sendable, Equatable, Hashable {
    /// SQL NULL.
    case null
    /// Any integer column or parameter.
    case int(Int64)
    /// FLOAT and DOUBLE.
    case double(Double)
    /// Character data, and DECIMAL, date and time columns in their SQL text form.
    case text(String)
    /// BLOB, BINARY, VARBINARY and BIT.
    case bytes([UInt8])

    /// True for `.null`.
    public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByNilLiteral {
    /// `nil` is SQL NULL.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    /// An integer literal is `.int`.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    /// A floating-point literal is `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    /// A string literal is `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// `true` is 1 and `false` is 0, as MariaDB stores BOOLEAN.
    public init(booleanLiteral value: Bool) { self = .int(value ? 1 : 0) }
}
