/// An error that maps directly onto an HTTP status, with a stable code naming the problem: the
/// application puts the code into words in the requester's language (this module has none).
public struct HTTPError: Error, Sendable, Equatable {
    /// The status to answer with.
    public var status: Int
    /// A stable, dotted name of the problem (`http.not_found`); an application keeps its words
    /// under that name.
    public var code: String
    /// The values the problem's words name (`{"limit": "100"}`).
    public var values: [String: String]

    /// Creates an error with a status, a code and the values its words need.
    public init(_ status: Int, code: String, _ values: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.values = values
    }

    /// 400: the request is malformed (`code` says how).
    public static func badRequest(_ code: String, _ values: [String: String] = [:]) -> HTTPError {
        HTTPError(400, code: code, values)
    }
    /// 403: the user may not do this.
    public static func forbidden(_ code: String = "http.forbidden") -> HTTPError { HTTPError(403, code: code) }
    /// 404: nothing here, or nothing this user may see.
    public static let notFound = HTTPError(404, code: "http.not_found")
    /// 405: the path exists but not with this method.
    public static let methodNotAllowed = HTTPError(405, code: "http.method_not_allowed")
    /// 413: the body is larger than allowed.
    public static let payloadTooLarge = HTTPError(413, code: "http.payload_too_large")
    /// 431: the headers are larger than allowed.
    public static let headersTooLarge = HTTPError(431, code: "http.headers_too_large")
    /// 400: a form body was expected.
    public static let formExpected = HTTPError(400, code: "http.form_expected")
    /// 400: a form body is not correctly encoded.
    public static let formEncoding = HTTPError(400, code: "http.form_encoding")
    /// 400: a form has more fields than allowed.
    public static let tooManyFields = HTTPError(400, code: "http.too_many_fields")
    /// 400: a JSON body was expected.
    public static let jsonExpected = HTTPError(400, code: "http.json_expected")
    /// 400: a JSON body is malformed or has missing or wrong fields.
    public static let jsonMalformed = HTTPError(400, code: "http.json_malformed")
}
