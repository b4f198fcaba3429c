import CMariaDB

/// The `MYSQL_BIND` array and the memory behind it for a statement's `?` placeholders,
/// reused across executions so that binding allocates nothing once warm.
final class ParameterBuffers {
    private let count: Int
    private let binds: UnsafeMutablePointer<MYSQL_BIND>
    private var storage: UnsafeMutableRawPointer
    private var storageCapacity: Int

    init(count: Int) {
        self.count = count
        binds = .allocate(capacity: max(count, 1))
        binds.initialize(repeating: MYSQL_BIND(), count: max(count, 1))
        storageCapacity = max(64, count * 8)
        storage = .allocate(byteCount: storageCapacity, alignment: 8)
    }

    deinit {
        binds.deallocate()
        storage.deallocate()
    }

    /// Copies `values` into the buffers and hands them to the statement.
    func bind(_ values: [SQLValue], to statement: UnsafeMutablePointer<MYSQL_STMT>) throws {
        guard values.count == count else {
            throw DatabaseError.parameterCount(expected: count, given: values.count)
        }
        guard count > 0 else { return }
        reserve(values.reduce(0) { $0 + Self.storageSize(of: $1) })
        var offset = 0
        for (index, value) in values.enumerated() {
            var bind = MYSQL_BIND()
            let slot = storage + offset
            bind.buffer = slot
            switch value {
            case .null:
                bind.buffer_type = MYSQL_TYPE_NULL
            case .int(let number):
                slot.storeBytes(of: number, as: Int64.self)
                bind.buffer_type = MYSQL_TYPE_LONGLONG
            case .double(let number):
                slot.storeBytes(of: number, as: Double.self)
                bind.buffer_type = MYSQL_TYPE_DOUBLE
            case .text(var text):
                text.withUTF8 {
                    UnsafeMutableRawBufferPointer(start: slot, count: $0.count).copyMemory(
                        from: UnsafeRawBufferPointer($0))
                }
                bind.buffer_type = MYSQL_TYPE_STRING
                bind.buffer_length = UInt(text.utf8.count)
            case .bytes(let bytes):
                bytes.withUnsafeBytes {
                    UnsafeMutableRawBufferPointer(start: slot, count: $0.count).copyMemory(from: $0)
                }
                bind.buffer_type = MYSQL_TYPE_BLOB
                bind.buffer_length = UInt(bytes.count)
            }
            binds[index] = bind
            offset += Self.storageSize(of: value)
        }
        if mysql_stmt_bind_param(statement, binds) != 0 {
            throw statementError(statement)
        }
    }

    /// Bytes a value takes in `storage`, rounded up to keep 8-byte alignment.
    private static func storageSize(of value: SQLValue) -> Int {
        switch value {
        case .null: 0
        case .int, .double: 8
        case .text(let text): (text.utf8.count + 7) & ~7
        case .bytes(let bytes): (bytes.count + 7) & ~7
        }
    }

    private func reserve(_ size: Int) {
        guard size > storageCapacity else { return }
        storage.deallocate()
        storageCapacity = max(size, storageCapacity * 2)
        storage = .allocate(byteCount: storageCapacity, alignment: 8)
    }
}
