import Foundation
import Glibc
import Locking
import Synchronization

/// A small blocking HTTP/1.1 server over POSIX sockets: an accept-loop thread and one thread
/// per connection, one request per connection (`Connection: close`), at most 64 KB per request.
/// Meant for the simulator and for tests (e.g. as a callback listener), not for the internet.
public final class SimpleHTTPServer: Sendable {
    /// Answers one request; called on the connection's own thread.
    public typealias Handler = @Sendable (SimpleHTTPRequest) -> SimpleHTTPResponse

    /// The largest request accepted (head and body together).
    public static let maximumRequest = 64 * 1024

    private let host: String
    private let requestedPort: Int
    private let handler: Handler
    private let listener = Locked<(fd: Int32, port: Int)?>(nil)
    private let stopping = Atomic<Bool>(false)
    private let loopDone = DispatchSemaphore(value: 0)

    /// Configures a server on `host:port` (port 0 picks a free port; read it back from `port`).
    public init(host: String = "127.0.0.1", port: Int, handler: @escaping Handler) {
        self.host = host
        self.requestedPort = port
        self.handler = handler
    }

    /// The port listened on (after `start()`), or the requested one before.
    public var port: Int {
        listener.withLock { $0?.port } ?? requestedPort
    }

    /// Binds, listens and starts the accept loop on a background thread; returns the port.
    @discardableResult
    public func start() throws(DarajaSimulatorError) -> Int {
        let socket = try SocketListener.open(host: host, port: requestedPort)
        let started = listener.withLock { current -> Bool in
            guard current == nil else { return false }
            current = socket
            return true
        }
        guard started else {
            close(socket.fd)
            throw DarajaSimulatorError(description: "the server is already running")
        }
        stopping.store(false, ordering: .sequentiallyConsistent)
        let thread = Thread { [self] in acceptLoop(socket.fd) }
        thread.name = "http-accept"
        thread.start()
        return socket.port
    }

    /// Stops accepting and closes the listening socket; requests in progress finish on their own.
    public func stop() {
        guard listener.withLock({ $0 != nil }) else { return }
        stopping.store(true, ordering: .sequentiallyConsistent)
        loopDone.wait()
        listener.withLock { $0 = nil }
    }

    private func acceptLoop(_ fd: Int32) {
        defer {
            close(fd)
            loopDone.signal()
        }
        // poll with a short timeout: closing a socket does not wake a thread blocked in accept.
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard poll(&entry, 1, 100) > 0 else { continue }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            let thread = Thread { [handler] in
                HTTPConnection(fd: client, handler: handler).serve()
            }
            thread.start()
        }
    }
}
