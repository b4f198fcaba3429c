import FuzzSupport
import Web

/// A `Cookie` request header (as the responder decodes it: lossy UTF-8) → `Cookie.parse`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let header = String(decoding: bytes(data, size), as: UTF8.self)
    // Checked on scalars: Swift compares Characters by canonical equivalence, and U+037E
    // (Greek question mark) equals ";" there, though no browser splits a header on it.
    for (name, value) in Cookie.parse(header: header) {
        require(
            !name.unicodeScalars.contains(";") && !value.unicodeScalars.contains(";"),
            "cookie \(name)=\(value) holds a separator")
        require(name.unicodeScalars.first != " " && name.unicodeScalars.last != " ", "name \(name) not trimmed")
        require(value.unicodeScalars.first != " " && value.unicodeScalars.last != " ", "value \(value) not trimmed")
    }
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_cookie_main`; libFuzzer takes over from here.
@_cdecl("fuzz_cookie_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
