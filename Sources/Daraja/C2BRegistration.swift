/// The Register URL call: where M-Pesa posts a shortcode's C2B payments.
public struct C2BRegistration: Sendable, Equatable {
    /// `/mpesa/c2b/v1/registerurl` (hashed MSISDN) or `/v2/` (masked); it must match the C2B
    /// product of the Daraja app, which sources disagree on, so it is the caller's choice.
    public enum Version: String, Sendable {
        case v1
        case v2
    }

    /// What M-Pesa does when the Validation URL does not answer in time.
    public enum ResponseType: String, Sendable {
        case completed = "Completed"
        case cancelled = "Cancelled"
    }

    public var shortcode: String
    public var confirmationURL: String
    public var validationURL: String
    public var responseType: ResponseType
    public var version: Version

    public init(
        shortcode: String, confirmationURL: String, validationURL: String, responseType: ResponseType = .completed,
        version: Version = .v2
    ) {
        self.shortcode = shortcode
        self.confirmationURL = confirmationURL
        self.validationURL = validationURL
        self.responseType = responseType
        self.version = version
    }

    /// Words Daraja refuses in callback and C2B URLs, in any case.
    public static let forbiddenURLWords = ["m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query"]

    /// The path of the call.
    public var path: String { "/mpesa/c2b/\(version.rawValue)/registerurl" }

    /// The JSON body.
    public var body: [UInt8] {
        JSONValue.encode([
            "ShortCode": shortcode, "ResponseType": responseType.rawValue, "ConfirmationURL": confirmationURL,
            "ValidationURL": validationURL,
        ])
    }
}

extension DarajaClient {
    /// Registers the Confirmation and Validation URLs of a shortcode; Daraja's refusal
    /// (`500.003.1001` already registered, `401.003.01` wrong version…) is thrown as `.api`.
    public func registerC2B(_ registration: C2BRegistration, credentials: DarajaCredentials) throws(DarajaError) {
        let answer = try authorizedPost(registration.path, body: registration.body, credentials: credentials)
        try DarajaResponse.registered(status: answer.status, body: answer.body)
    }
}
