import FuzzSupport
import Web

/// A `Cookie` request header (as the responder decodes it: lossy UTF-8) → `Cookie.parse`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let header = String(decoding: bytes(data, size), as: UTF8.self)
    for (name, value) in Cookie.parse(header: header) {
        require(!name.contains(";") && !value.contains(";"), "cookie \(name)=\(value) holds a separator")
        require(!name.hasPrefix(" ") && !name.hasSuffix(" "), "name \(name) not trimmed")
        require(!value.hasPrefix(" ") && !value.hasSuffix(" "), "value \(value) not trimmed")
    }
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_cookie_main`; libFuzzer takes over from here.
@_cdecl("fuzz_cookie_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
