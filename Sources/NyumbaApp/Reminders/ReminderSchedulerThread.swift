import Dispatch
import Foundation
import MariaDB
import Synchronization
import Web

/// The reminder scheduler on a thread of its own, with its own database connection: it
/// sends the automatic reminders due today about every 30 seconds until `stop()`.
///
/// Start it after the process has blocked SIGTERM/SIGINT for its threads (the FastCGI
/// server does so before `onListening`), so that a stop signal never lands on this thread.
final class ReminderSchedulerThread: Sendable {
    private let config: Config
    private let views: Views
    private let clock: ReminderClock
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    static let pollInterval = 30.0

    init(config: Config, views: Views, clock: ReminderClock) {
        self.config = config
        self.views = views
        self.clock = clock
    }

    func start() {
        let thread = Thread { [self] in self.main() }
        thread.name = "reminders"
        thread.start()
    }

    /// Asks the thread to stop and waits until it has finished the pass it was making.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func main() {
        MariaDBClient.threadInit()
        let db = Connection(url: config.databaseURL)
        let scheduler = ReminderScheduler(db: db, views: views, config: config)
        var lastProblem: String? = nil
        while !stopping.load(ordering: .acquiring) {
            do {
                if let today = clock.today() {
                    let sent = try scheduler.run(today: today)
                    if sent > 0 { Log.info("reminders: \(sent) automatic reminder(s) queued for \(today)") }
                }
                if lastProblem != nil { Log.info("reminders: working again") }
                lastProblem = nil
            } catch {
                // Logged once per outage, not once per pass.
                let problem = String(describing: error)
                if problem != lastProblem { Log.warning("reminders: \(problem)") }
                lastProblem = problem
            }
            _ = wake.wait(timeout: .now() + Self.pollInterval)
        }
        db.close()
        MariaDBClient.threadEnd()
        finished.signal()
    }
}
