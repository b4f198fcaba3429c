import FuzzSupport
import Web

/// `application/x-www-form-urlencoded` bytes → `URLEncoding.parseForm`; whatever parses
/// must survive encoding and parsing again unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    _ = URLEncoding.decode(input, plusAsSpace: false)
    guard let form = try? URLEncoding.parseForm(input, maxFields: 200) else { return 0 }
    require(form.fields.count <= 200, "more fields than allowed")
    // The body arrives as an Array, the query string too; a slice must read the same.
    let sliced = try? URLEncoding.parseForm(input[...], maxFields: 200)
    require(sliced.map(pairs) == pairs(form), "slice parsed differently")
    let encoded = form.fields.map { URLEncoding.encode($0.0) + "=" + URLEncoding.encode($0.1) }
        .joined(separator: "&")
    let again = try? URLEncoding.parseForm(Array(encoded.utf8), maxFields: 200)
    require(again.map(pairs) == pairs(form), "round trip changed \(pairs(form)) via \(encoded)")
    return 0
}

private func pairs(_ form: FormData) -> [[String]] { form.fields.map { [$0.0, $0.1] } }

/// SwiftPM links executables with `main` = `fuzz_form_main`; libFuzzer takes over from here.
@_cdecl("fuzz_form_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
