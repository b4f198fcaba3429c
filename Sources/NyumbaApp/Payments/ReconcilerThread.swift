import Daraja
import Dispatch
import Foundation
import MariaDB
import Synchronization
import Web

/// The reconciler on a thread of its own, with its own database connection: it looks for
/// due pending requests every few seconds until `stop()`.
///
/// Start it after the process has blocked SIGTERM/SIGINT for its threads (the FastCGI
/// server does so before `onListening`), so that a stop signal never lands on this thread.
final class ReconcilerThread: Sendable {
    private let config: Config
    private let views: Views
    private let client: DarajaClient
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(config: Config, views: Views, client: DarajaClient) {
        self.config = config
        self.views = views
        self.client = client
    }

    /// Seconds between two looks when nothing was due: a few, but never more than the back-off base.
    var pollInterval: Double { Double(min(3, config.reconcile.baseSeconds)) }

    func start() {
        let thread = Thread { [self] in self.main() }
        thread.name = "reconciler"
        thread.start()
    }

    /// Asks the thread to stop and waits until it has finished the batch it was working on.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func main() {
        MariaDBClient.threadInit()
        let db = Connection(url: config.databaseURL)
        let reconciler = Reconciler(db: db, config: config, views: views, client: client)
        var lastProblem: String? = nil
        while !stopping.load(ordering: .acquiring) {
            var claimed = 0
            do {
                claimed = try reconciler.reconcileBatch()
                if lastProblem != nil { Log.info("reconciler: working again") }
                lastProblem = nil
            } catch {
                // Logged once per outage, not once per pass.
                let problem = String(describing: error)
                if problem != lastProblem { Log.warning("reconciler: \(problem)") }
                lastProblem = problem
            }
            if claimed == 0 { _ = wake.wait(timeout: .now() + pollInterval) }
        }
        db.close()
        MariaDBClient.threadEnd()
        finished.signal()
    }
}
