/// Why the simulator could not start.
public struct DarajaSimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}

/// A local stand-in for Daraja: OAuth, STK push, STK query and delayed callbacks over HTTP/1.1.
public final class DarajaSimulator: Sendable {
    let host: String
    let port: Int
    let consumerKey: String
    let consumerSecret: String
    let passkey: String
    let callbackDelay: Duration

    /// Configures a simulator; nothing listens until `start()` or `run()`.
    public init(
        host: String = "127.0.0.1", port: Int, consumerKey: String, consumerSecret: String, passkey: String,
        callbackDelay: Duration = .milliseconds(300)
    ) {
        self.host = host
        self.port = port
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.passkey = passkey
        self.callbackDelay = callbackDelay
    }

    /// Serves on the calling thread until `stop()`.
    public func run() throws {
        throw DarajaSimulatorError(description: "not implemented yet")
    }

    /// Serves on background threads and returns once listening.
    public func start() throws {
        throw DarajaSimulatorError(description: "not implemented yet")
    }

    /// Stops listening.
    public func stop() {}
}
