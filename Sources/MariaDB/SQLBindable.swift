import Foundation

/// A Swift value that can be bound to a `?` placeholder.
public protocol SQLBindable {
    /// The value as sent to the server.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    /// Itself.
    public var sqlValue: SQLValue { self }
}

extension Int: SQLBindable {
    /// `.int`.
    public var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Int64: SQLBindable {
    /// `.int`.
    public var sqlValue: SQLValue { .int(self) }
}

extension Int32: SQLBindable {
    /// `.int`.
    public var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Bool: SQLBindable {
    /// 1 or 0.
    public var sqlValue: SQLValue { .int(self ? 1 : 0) }
}

extension Double: SQLBindable {
    /// `.double`.
    public var sqlValue: SQLValue { .double(self) }
}

extension String: SQLBindable {
    /// `.text`.
    public var sqlValue: SQLValue { .text(self) }
}

extension Substring: SQLBindable {
    /// `.text`.
    public var sqlValue: SQLValue { .text(String(self)) }
}

extension Array: SQLBindable where Element == UInt8 {
    /// `.bytes`.
    public var sqlValue: SQLValue { .bytes(self) }
}

extension Date: SQLBindable {
    /// UTC `YYYY-MM-DD HH:MM:SS.ffffff`, the text form of DATETIME(6).
    public var sqlValue: SQLValue { .text(SQLDateTime.format(self)) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    /// The wrapped value, or NULL.
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
