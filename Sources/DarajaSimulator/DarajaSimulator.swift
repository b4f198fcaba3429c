import Foundation

/// Why the simulator could not start.
public struct DarajaSimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}

/// A local stand-in for Daraja: OAuth, STK push, STK query and delayed callbacks over HTTP/1.1.
///
/// The last four digits of the phone choose the outcome (`…1032` cancelled, `…1037` timed
/// out, `…2001` wrong PIN, `…0001` insufficient funds, `…9998` no callback, `…9997` duplicate
/// callback, `…9996` callback with amount + 1, `…4999` and `…5001` "still processing" query
/// answers, `…9995` and `…9994` a paid push answered only after `lateAnswerDelay` (past the
/// client's timeout) and called back before or after that answer; anything else succeeds); `setOutcome(_:forPhone:)` or `POST /sim/outcomes` overrides.
public final class DarajaSimulator: Sendable {
    private let engine: SimulatorEngine
    private let server: SimpleHTTPServer
    private let finished = DispatchSemaphore(value: 0)

    /// Configures a simulator (port 0 picks a free port); nothing listens until `start()` or `run()`.
    /// `log` receives one line per push and callback.
    public init(
        host: String = "127.0.0.1", port: Int, consumerKey: String, consumerSecret: String, passkey: String,
        callbackDelay: Duration = .milliseconds(300), lateAnswerDelay: Duration = .seconds(20),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let engine = SimulatorEngine(
            consumerKey: consumerKey, consumerSecret: consumerSecret, passkey: passkey, callbackDelay: callbackDelay,
            lateAnswerDelay: lateAnswerDelay, log: log)
        self.engine = engine
        self.server = SimpleHTTPServer(host: host, port: port) { engine.handle($0) }
    }

    /// The port listened on (meaningful after `start()`).
    public var port: Int { server.port }

    /// Serves on background threads until `stop()` is called.
    public func run() throws {
        try start()
        finished.wait()
    }

    /// Serves on background threads and returns once listening.
    public func start() throws {
        try server.start()
    }

    /// Stops listening (callbacks already scheduled are still posted); `run()` returns.
    public func stop() {
        server.stop()
        finished.signal()
    }

    /// Every push accepted so far, oldest first.
    public var pushes: [SimulatedPush] { engine.pushes() }

    /// OAuth requests received so far.
    public var oauthRequestCount: Int { engine.state.withLock { $0.oauthCalls } }

    /// Invalidates every token handed out, so the next call gets `404.001.03`.
    public func expireTokens() {
        engine.expireTokens()
    }

    /// Chooses the outcome for pushes to `phone` ("0", "1032", "9998", …); nil restores the default.
    public func setOutcome(_ outcome: String?, forPhone phone: String) {
        engine.setOutcome(outcome, forPhone: phone)
    }
}
