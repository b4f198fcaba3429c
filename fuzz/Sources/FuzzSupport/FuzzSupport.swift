import CLibFuzzer

/// The fuzzer's input as bytes.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run (libFuzzer then saves the input) when a parser broke one of its promises.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz invariant broken: \(message())") }
}

/// ASCII digits, capital and small letters, and printable characters (space excluded), as byte ranges for `only`.
public let digit: ClosedRange<UInt8> = 48...57
public let upper: ClosedRange<UInt8> = 65...90
public let lower: ClosedRange<UInt8> = 97...122
public let visible: ClosedRange<UInt8> = 33...126

/// Whether every UTF-8 byte of `text` is in one of `ranges`.
public func only(_ text: String, _ ranges: ClosedRange<UInt8>...) -> Bool {
    text.utf8.allSatisfy { byte in ranges.contains { $0.contains(byte) } }
}

/// Splits `input` into FastCGI parameters and a body, in the format of
/// corpus/fuzz-request/: lines `NAME=VALUE` (split at the first `=`, as the responder
/// splits libfcgi's environment), an empty line, then the body as is.
public func fastCGIParams(_ input: [UInt8]) -> (params: [String: String], body: [UInt8]) {
    var params: [String: String] = [:]
    var start = 0
    while start < input.count {
        let end = input[start...].firstIndex(of: UInt8(ascii: "\n")) ?? input.count
        if end == start { return (params, Array(input[min(end + 1, input.count)...])) }
        // libfcgi hands over C strings: a NUL ends the entry.
        let line = input[start..<end].prefix { $0 != 0 }
        if let equals = line.firstIndex(of: UInt8(ascii: "=")) {
            params[String(decoding: line[..<equals], as: UTF8.self)] = String(
                decoding: line[(equals + 1)...], as: UTF8.self)
        }
        start = end + 1
    }
    return (params, [])
}

/// Runs libFuzzer with its usual command line on `callback` (the `LLVMFuzzerTestOneInput`).
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
