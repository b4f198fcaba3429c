/// An error that maps directly onto an HTTP status, with a message safe to show the user.
public struct HTTPError: Error, Sendable, Equatable {
    /// The status to answer with.
    public var status: Int
    /// A plain-language message for the person who made the request.
    public var message: String

    /// Creates an error with a status and a message for the user.
    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    /// 400: the request is malformed.
    public static func badRequest(_ message: String) -> HTTPError { HTTPError(400, message) }
    /// 403: the user may not do this.
    public static func forbidden(_ message: String = "You are not allowed to do that.") -> HTTPError {
        HTTPError(403, message)
    }
    /// 404: nothing here, or nothing this user may see.
    public static let notFound = HTTPError(404, "There is nothing at this address.")
    /// 405: the path exists but not with this method.
    public static let methodNotAllowed = HTTPError(405, "This address does not accept that kind of request.")
    /// 413: the body is larger than allowed.
    public static let payloadTooLarge = HTTPError(413, "What you sent is too large.")
    /// 431: the headers are larger than allowed.
    public static let headersTooLarge = HTTPError(431, "The request headers are too large.")
}
