import Dispatch
import Foundation
import Mail
import MariaDB
import Synchronization
import Web

/// The mailer running on a thread of its own, with its own database connection: it polls
/// the outbox about once a second until `stop()`.
///
/// Start it after the process has blocked SIGTERM/SIGINT for its threads (the FastCGI
/// server does so before `onListening`), so that a stop signal never lands on this thread.
final class MailerThread: Sendable {
    private let databaseURL: DatabaseURL
    private let settings: MailSettings
    private let transport: any MailTransport
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// How long the mailer sleeps when nothing is due.
    static let pollInterval = 1.0

    /// Prepares the mailer; the transport is built here so that a bad SMTP URL stops start-up.
    init(databaseURL: DatabaseURL, settings: MailSettings) throws(MailError) {
        self.databaseURL = databaseURL
        self.settings = settings
        transport = try Mailer.transport(for: settings)
    }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in self.main() }
        thread.name = "mailer"
        thread.start()
    }

    /// Asks the thread to stop and waits until it has finished the batch it was sending.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func main() {
        MariaDBClient.threadInit()
        let db = Connection(url: databaseURL)
        let mailer = Mailer(db: db, transport: transport, settings: settings)
        var lastProblem: String? = nil
        while !stopping.load(ordering: .acquiring) {
            var claimed = 0
            do {
                claimed = try mailer.deliverBatch()
                if lastProblem != nil { Log.info("mailer: the database is reachable again") }
                lastProblem = nil
            } catch {
                // Logged once per outage, not once a second.
                let problem = String(describing: error)
                if problem != lastProblem { Log.warning("mailer: cannot read the outbox: \(problem)") }
                lastProblem = problem
            }
            if claimed == 0 { _ = wake.wait(timeout: .now() + Self.pollInterval) }
        }
        db.close()
        MariaDBClient.threadEnd()
        finished.signal()
    }
}
