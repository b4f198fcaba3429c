import FastCGI
import FuzzSupport
import Web

/// A JSON body of the shape handlers decode: numbers, strings, optionals, lists, nesting.
struct Payload: Decodable {
    struct Item: Decodable {
        let name: String
        let value: Double?
    }
    let amount: Int
    let phone: String?
    let paid: Bool?
    let items: [Item]?
    let labels: [String: String]?
}

/// FastCGI parameters and a body (see `fastCGIParams`) → `Request`, then the query,
/// headers, cookies, the form body and a JSON body, as a handler would read them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let (params, body) = fastCGIParams(bytes(data, size))
    guard let request = try? Request(FastCGIRequest(params: params, body: body)) else { return 0 }
    require(request.method != "HEAD", "HEAD not reported as GET")
    require(request.query.fields.count <= Request.maxFields, "query over the field limit")
    for name in request.headers.keys {
        require(!name.utf8.contains { (65...90).contains($0) || $0 == UInt8(ascii: "_") }, "header name \(name)")
    }
    for (name, value) in request.cookies {
        require(
            !name.unicodeScalars.contains(";") && !value.unicodeScalars.contains(";"),
            "cookie \(name)=\(value) holds a separator")
    }
    _ = request.contentType
    if let form = try? request.form() {
        require(form.fields.count <= Request.maxFields, "form over the field limit")
    }
    _ = try? request.decodeJSON(Payload.self)
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_request_main`; libFuzzer takes over from here.
@_cdecl("fuzz_request_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
