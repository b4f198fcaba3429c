import Foundation

/// Thread-safe client over libcurl; one per process is enough. OAuth tokens are cached per
/// credential set until ~60 s before expiry; on 404.001.03 it fetches a new token once and retries.
public final class DarajaClient: Sendable {
    let connectTimeout: Duration
    let timeout: Duration

    /// `connectTimeout` bounds reaching Daraja, `timeout` each whole HTTP exchange.
    public init(connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(15)) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends an STK push; never retried automatically (Daraja has no idempotency).
    public func stkPush(
        _ request: STKPushRequest, shortcode: DarajaShortcode, credentials: DarajaCredentials, now: Date = Date()
    ) throws(DarajaError) -> STKPushAccepted {
        throw .transport("not implemented yet")
    }

    /// Asks what became of a push.
    public func stkQuery(
        checkoutRequestID: String, shortcode: DarajaShortcode, credentials: DarajaCredentials, now: Date = Date()
    ) throws(DarajaError) -> STKQueryResult {
        throw .transport("not implemented yet")
    }
}
