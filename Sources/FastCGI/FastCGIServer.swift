import CFastCGI
import Glibc

/// A threaded FastCGI responder: each worker thread accepts connections on its listener's
/// socket with its own `FCGX_Request` and its own handler.
///
/// Several listeners keep kinds of request apart: a worker of one never answers the other's, so
/// requests that wait (on a batch's commit, say) cannot take every worker from those that do not.
///
/// `run` returns after SIGTERM or SIGINT once every in-flight request has been answered.
public final class FastCGIServer: Sendable {
    /// Where to listen, and how many workers accept on each.
    public let listeners: [FastCGIListener]
    /// Bounds on request size.
    public let limits: FastCGILimits

    /// Creates a server; nothing is opened until `run`.
    public init(listeners: [FastCGIListener], limits: FastCGILimits = FastCGILimits()) {
        self.listeners = listeners
        self.limits = limits
    }

    /// Opens the sockets, starts the workers and blocks until a stop signal has been
    /// handled and every worker has finished its request.
    ///
    /// - Parameter makeHandler: called once on each worker thread, with the worker's index
    ///   (counted across listeners, in their order).
    /// - Parameter onListening: called once every socket accepts connections.
    public func run(
        makeHandler: @escaping @Sendable (Int) -> any FastCGIHandler,
        onListening: () -> Void = {}
    ) throws {
        guard FCGX_Init() == 0 else { throw FastCGIError.initFailed }
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        for listener in listeners {
            if listener.isUnixSocket { unlink(listener.address) }
            let socket = FCGX_OpenSocket(listener.address, 1024)
            guard socket >= 0 else { throw FastCGIError.cannotListen(listener.address, errno: errno) }
            sockets.append(socket)
            if listener.isUnixSocket {
                // libfcgi creates the socket 0755; nginx workers run as another user.
                chmod(listener.address, 0o666)
            }
        }
        // Signals are taken by `StopSignal` on this thread; workers inherit the mask.
        let stopSignal = StopSignal()
        let state = ServerState()
        var threads: [pthread_t] = []
        for (listener, socket) in zip(listeners, sockets) {
            for _ in 0..<listener.workers {
                let worker = Worker(
                    index: threads.count, socket: socket, limits: limits, state: state, makeHandler: makeHandler)
                threads.append(try worker.start())
            }
        }
        onListening()
        let signal = stopSignal.wait()
        FastCGILog.write("stopping on signal \(signal): finishing in-flight requests")
        for (listener, socket) in zip(listeners, sockets) where listener.isUnixSocket {
            // New connections now fail at once; the workers go on serving those already queued.
            unlink(listener.address)
            drainBacklog(socket)
        }
        state.stop()
        FCGX_ShutdownPending()
        // Wakes the workers blocked in accept(); their in-flight requests complete first.
        for socket in sockets { Glibc.shutdown(socket, Int32(SHUT_RDWR)) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Waits (briefly) until no connection is left waiting in the listen queue.
    private func drainBacklog(_ socket: Int32) {
        usleep(50_000)
        for _ in 0..<100 {
            var pollFD = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            if poll(&pollFD, 1, 0) == 0 { return }
            usleep(10_000)
        }
    }
}

/// Why the server could not start.
public enum FastCGIError: Error, CustomStringConvertible {
    /// `FCGX_Init` failed.
    case initFailed
    /// The socket could not be opened.
    case cannotListen(String, errno: Int32)
    /// A worker thread could not be started.
    case threadFailed(Int32)

    public var description: String {
        switch self {
        case .initFailed: "FastCGI library initialisation failed"
        case .cannotListen(let address, let code):
            "cannot listen on \(address): \(String(cString: strerror(code)))"
        case .threadFailed(let code): "cannot start a worker thread: \(String(cString: strerror(code)))"
        }
    }
}

/// One socket the server listens on, and how many worker threads accept on it.
public struct FastCGIListener: Sendable {
    /// A unix socket path, or `host:port`.
    public var address: String
    /// How many worker threads accept on this socket (at least one).
    public var workers: Int

    /// Creates a listener of at least one worker.
    public init(address: String, workers: Int) {
        self.address = address
        self.workers = max(1, workers)
    }

    var isUnixSocket: Bool { address.hasPrefix("/") || address.hasPrefix(".") }
}
