import Crypto

extension SimulatorEngine {
    /// Token lifetime, as Daraja's.
    static let tokenLifetime = 3599

    /// `GET /oauth/v1/generate?grant_type=client_credentials` with Basic auth.
    func oauth(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        state.withLock { $0.oauthCalls += 1 }
        let expected = "Basic " + Base64.encode(Array("\(consumerKey):\(consumerSecret)".utf8))
        guard request.header("authorization") == expected else {
            return error(400, "400.008.01", "Invalid Authentication passed")
        }
        guard request.query.split(separator: "&").contains("grant_type=client_credentials") else {
            return error(400, "400.008.02", "Invalid grant type passed")
        }
        let token = SecureRandom.alphanumeric(28)
        state.withLock { $0.tokens[token] = .now + .seconds(Self.tokenLifetime) }
        // Daraja sends expires_in as a string.
        return .json(200, #"{"access_token":"\#(token)","expires_in":"\#(Self.tokenLifetime)"}"#)
    }

    /// Whether the request carries a live Bearer token.
    func authorized(_ request: SimpleHTTPRequest) -> Bool {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer ") else { return false }
        let token = String(header.dropFirst("Bearer ".count))
        return state.withLock { state in state.tokens[token].map { ContinuousClock.now < $0 } ?? false }
    }
}
