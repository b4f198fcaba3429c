import DarajaSimulator
import Foundation
import SMS

/// A local stand-in for Africa's Talking's SMS API, for `make run` and the tests.
///
/// `POST /version1/messaging` checks the `apiKey` header and `username` (401 otherwise) and
/// wants `Accept: application/json` (406 otherwise: the real API would answer XML),
/// answers per recipient as `SimulatedRecipientStatus` says, and refuses a `from` outside
/// `senderIDs` with `InvalidSenderId`. `GET /sim/messages` lists what was received,
/// `DELETE /sim/messages` forgets it, and `POST /sim/fail` with `count=N` (or `failNext(_:)`)
/// answers the next N sends with 503. With `reportURL`, each accepted recipient gets a
/// form-encoded delivery report POSTed there after `reportDelay` (see `SimulatedReport`).
public final class SMSSimulator: Sendable {
    private let engine: SMSSimulatorEngine
    private let server: SimpleHTTPServer
    private let finished = DispatchSemaphore(value: 0)

    /// Configures a simulator (port 0 picks a free port); nothing listens until `start()` or
    /// `run()`. `senderIDs` nil accepts any sender ID. `log` receives one line per send.
    public init(
        host: String = "127.0.0.1", port: Int, username: String, apiKey: String, senderIDs: Set<String>? = nil,
        reportURL: String? = nil, reportDelay: Duration = .milliseconds(300),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let engine = SMSSimulatorEngine(
            username: username, apiKey: apiKey, senderIDs: senderIDs, reportURL: reportURL, reportDelay: reportDelay,
            log: log)
        self.engine = engine
        self.server = SimpleHTTPServer(host: host, port: port) { engine.handle($0) }
    }

    /// The port listened on (meaningful after `start()`).
    public var port: Int { server.port }

    /// The base URL to give a transport (after `start()`).
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Serves on background threads and returns once listening.
    public func start() throws {
        try server.start()
    }

    /// Serves on background threads until `stop()` is called.
    public func run() throws {
        try start()
        finished.wait()
    }

    /// Stops listening; `run()` returns.
    public func stop() {
        server.stop()
        finished.signal()
    }

    /// Every send accepted so far, oldest first.
    public var received: [SimulatedSMS] { engine.state.withLock { $0.received } }

    /// Forgets the messages received (as `DELETE /sim/messages` does).
    public func clear() {
        engine.state.withLock { $0.received = [] }
    }

    /// The delivery reports posted so far, in the order they were answered.
    public var reportsPosted: [SimulatedDeliveryReport] { engine.state.withLock { $0.reports } }

    /// Answers the next `count` sends with HTTP 503 (0 stops failing).
    public func failNext(_ count: Int) {
        engine.state.withLock { $0.failuresLeft = max(0, count) }
    }
}
