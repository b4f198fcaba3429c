import Crypto
import Foundation

/// Thread-safe client over libcurl; one per process is enough. OAuth tokens are cached per
/// credential set until ~60 s before expiry; on 404.001.03 it fetches a new token once and retries.
///
/// Every call opens its own connection and blocks its thread for at most about
/// `connectTimeout` + `timeout` (twice that when a token must be fetched first).
public final class DarajaClient: Sendable {
    let connectTimeout: Duration
    let timeout: Duration
    private let tokens = TokenCache()

    /// `connectTimeout` bounds reaching Daraja, `timeout` each whole HTTP exchange.
    public init(connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(15)) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends an STK push; never retried by the client (Daraja has no idempotency), except
    /// once after a rejected token, when no prompt can have been sent.
    public func stkPush(
        _ request: STKPushRequest, shortcode: DarajaShortcode, credentials: DarajaCredentials, now: Date = Date()
    ) throws(DarajaError) -> STKPushAccepted {
        let body = try STKRequestBody.push(request, shortcode: shortcode, timestamp: DarajaPassword.timestamp(now))
        let answer = try authorizedPost("/mpesa/stkpush/v1/processrequest", body: body, credentials: credentials)
        return try DarajaResponse.pushAccepted(status: answer.status, body: answer.body)
    }

    /// Asks what became of a push; `.stillProcessing` means "no answer yet, ask later".
    public func stkQuery(
        checkoutRequestID: String, shortcode: DarajaShortcode, credentials: DarajaCredentials, now: Date = Date()
    ) throws(DarajaError) -> STKQueryResult {
        let body = try STKRequestBody.query(
            checkoutRequestID: checkoutRequestID, shortcode: shortcode, timestamp: DarajaPassword.timestamp(now))
        let answer = try authorizedPost("/mpesa/stkpushquery/v1/query", body: body, credentials: credentials)
        return try DarajaResponse.queryResult(status: answer.status, body: answer.body)
    }

    /// POSTs with the shared token; after `404.001.03` forgets it, fetches a new one and tries once more.
    func authorizedPost(
        _ path: String, body: [UInt8], credentials: DarajaCredentials
    ) throws(DarajaError) -> (status: Int, body: [UInt8]) {
        var answer: (status: Int, body: [UInt8]) = (0, [])
        for attempt in 1...2 {
            let token = try tokens.token(for: credentials) { () throws(DarajaError) in try fetchToken(credentials) }
            answer = try DarajaHTTP.postJSON(
                body, to: url(credentials, path), headers: ["Authorization: Bearer \(token)"],
                connectTimeout: connectTimeout, timeout: timeout)
            guard attempt == 1, DarajaResponse.errorCode(answer.body) == "404.001.03" else { break }
            tokens.invalidate(token, for: credentials)
        }
        return answer
    }

    private func fetchToken(_ credentials: DarajaCredentials) throws(DarajaError) -> TokenCache.Token {
        let basic = Base64.encode(Array("\(credentials.consumerKey):\(credentials.consumerSecret)".utf8))
        let answer = try DarajaHTTP.get(
            url(credentials, "/oauth/v1/generate?grant_type=client_credentials"),
            headers: ["Authorization: Basic \(basic)"], connectTimeout: connectTimeout, timeout: timeout)
        let (token, expiresIn) = try DarajaResponse.token(status: answer.status, body: answer.body)
        // Refresh a minute early so a token never expires between the check and Daraja's.
        return TokenCache.Token(value: token, refreshAt: .now + .seconds(max(0, expiresIn - 60)))
    }

    private func url(_ credentials: DarajaCredentials, _ path: String) -> String {
        var base = credentials.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
