import CFastCGI
import Glibc

/// A threaded FastCGI responder: each worker thread accepts connections on the shared
/// listening socket with its own `FCGX_Request` and its own handler.
///
/// `run` returns after SIGTERM or SIGINT once every in-flight request has been answered.
public final class FastCGIServer: Sendable {
    /// Where to listen: a unix socket path, or `host:port`.
    public let address: String
    /// How many worker threads accept requests.
    public let workers: Int
    /// Bounds on request size.
    public let limits: FastCGILimits

    /// Creates a server; nothing is opened until `run`.
    public init(address: String, workers: Int, limits: FastCGILimits = FastCGILimits()) {
        self.address = address
        self.workers = max(1, workers)
        self.limits = limits
    }

    /// Opens the socket, starts the workers and blocks until a stop signal has been
    /// handled and every worker has finished its request.
    ///
    /// - Parameter makeHandler: called once on each worker thread, with the worker's index.
    /// - Parameter onListening: called once the socket accepts connections.
    public func run(
        makeHandler: @escaping @Sendable (Int) -> any FastCGIHandler,
        onListening: () -> Void = {}
    ) throws {
        guard FCGX_Init() == 0 else { throw FastCGIError.initFailed }
        let isUnixSocket = address.hasPrefix("/") || address.hasPrefix(".")
        if isUnixSocket { unlink(address) }
        let socket = FCGX_OpenSocket(address, 1024)
        guard socket >= 0 else { throw FastCGIError.cannotListen(address, errno: errno) }
        if isUnixSocket {
            // libfcgi creates the socket 0755; nginx workers run as another user.
            chmod(address, 0o666)
        }
        // Signals are taken by `StopSignal` on this thread; workers inherit the mask.
        let stopSignal = StopSignal()
        let state = ServerState()
        var threads: [pthread_t] = []
        for index in 0..<workers {
            let worker = Worker(
                index: index, socket: socket, limits: limits, state: state, makeHandler: makeHandler)
            threads.append(try worker.start())
        }
        onListening()
        let signal = stopSignal.wait()
        FastCGILog.write("stopping on signal \(signal): finishing in-flight requests")
        if isUnixSocket {
            // New connections now fail at once; the workers go on serving those already queued.
            unlink(address)
            drainBacklog(socket)
        }
        state.stop()
        FCGX_ShutdownPending()
        // Wakes the workers blocked in accept(); their in-flight requests complete first.
        Glibc.shutdown(socket, Int32(SHUT_RDWR))
        for thread in threads { pthread_join(thread, nil) }
        close(socket)
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
