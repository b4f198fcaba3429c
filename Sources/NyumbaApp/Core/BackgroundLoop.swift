import Dispatch
import Foundation
import Glibc
import Locking
import MariaDB
import Synchronization
import Web

/// Background work on a thread of its own, with its own database connection: it runs a
/// pass, and when the pass found nothing to do it sleeps `pollInterval` seconds, until
/// `stop()`. The mailer, the reconciler and the reminder scheduler are such loops.
///
/// Start it after the process has blocked SIGTERM/SIGINT for its threads (the FastCGI
/// server does so before `onListening`), so that a stop signal never lands on this thread.
final class BackgroundLoop: Sendable {
    /// One pass over due work; returns how many items it handled (0 means "sleep now").
    typealias Pass = () throws -> Int

    private let name: String
    private let databaseURL: DatabaseURL
    private let pollInterval: Double
    private let makePass: @Sendable (Connection) -> Pass
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// `makePass` is called once, on the loop's thread, with the loop's own connection.
    init(
        name: String, databaseURL: DatabaseURL, pollInterval: Double,
        makePass: @escaping @Sendable (Connection) -> Pass
    ) {
        self.name = name
        self.databaseURL = databaseURL
        self.pollInterval = pollInterval
        self.makePass = makePass
    }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in self.main() }
        thread.name = name
        thread.start()
    }

    /// Runs the loop (and `others` beside it) as a command of its own (`nyumba mailer`,
    /// `reconcile`, `remind`) until SIGTERM or SIGINT, then stops them cleanly. The signals are
    /// blocked before the threads start, so only this (main) thread takes them.
    func runUntilStopSignal(with others: [BackgroundLoop] = []) -> Int32 {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        start()
        for other in others { other.start() }
        Log.info("\(name): running")
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        Log.info("\(name): stopping on signal \(received)")
        stop()
        for other in others { other.stop() }
        return 0
    }

    /// Asks the thread to stop and waits until it has finished the pass it was making.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func main() {
        // Foundation's `Thread.name` does not reach the system's name of the thread on Linux.
        ThreadName.set(name)
        MariaDBClient.threadInit()
        let db = Connection(url: databaseURL)
        let pass = makePass(db)
        var lastProblem: String? = nil
        while !stopping.load(ordering: .acquiring) {
            var handled = 0
            do {
                handled = try pass()
                if lastProblem != nil { Log.info("\(name): working again") }
                lastProblem = nil
            } catch {
                // Logged once per outage, not once per pass.
                let problem = String(describing: error)
                if problem != lastProblem { Log.warning("\(name): \(problem)") }
                lastProblem = problem
            }
            if handled == 0 { _ = wake.wait(timeout: .now() + pollInterval) }
        }
        db.close()
        MariaDBClient.threadEnd()
        finished.signal()
    }
}
