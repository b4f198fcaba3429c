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

/// Any JSON document, decoded all the way down (deep nesting, every kind of value).
indirect enum AnyJSON: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AnyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AnyJSON].self))
        }
    }
}

/// A JSON body → `Request.decodeJSON`, into a typed payload and into any JSON value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var request = Request(method: "POST", path: "/", headers: ["content-type": "application/json; charset=UTF-8"])
    request.body = bytes(data, size)
    _ = try? request.decodeJSON(Payload.self)
    _ = try? request.decodeJSON(AnyJSON.self)
    return 0
}

/// SwiftPM links executables with `main` = `fuzz_json_main`; libFuzzer takes over from here.
@_cdecl("fuzz_json_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
