import Locking
import MariaDB
import Web

/// Outbox rows this process wrote for its own senders, handed to them in memory: no sender has
/// to find them in the outbox and claim them (a query and an update per batch, about half of what
/// sending cost MariaDB). `Outbox.enqueueAtCommit` writes such a row claimed already, for
/// `lease`, and hands it over once the transaction has committed; the sender of its channel
/// takes it from here before it claims from the outbox (`OutboxQueue.deliverBatch`).
///
/// Nothing is lost when a handed-over row is not sent from here (the process stopped or died, the
/// commit's outcome was unknown, the row waited too long): its claim runs out after `lease`, and
/// then a sender claims it from the outbox like any other — late, never twice. A graceful stop
/// makes the rows still waiting here due at once (`releaseWaiting`).
final class OutboxHandoff: Sendable {
    /// The process's one handoff; only the channels whose sender runs in this process are open.
    static let shared = OutboxHandoff()

    /// How long a handed-over row stays claimed: `maximumWait`, then a batch's `timeBudget`, with room to spare.
    static let lease = Duration.seconds(5 * 60)
    /// How long a sender goes on through a batch taken from here before it releases the rest.
    static let timeBudget = Duration.seconds(2 * 60)

    /// At most this many rows wait here per channel; a row beyond is left to its lease.
    let capacity: Int
    /// A row waiting here longer is left to its lease (its sender is far behind).
    let maximumWait: Duration

    private struct Waiting: Sendable {
        let message: QueuedMessage
        let since: ContinuousClock.Instant
    }

    private struct State: Sendable {
        var open: Set<NoticeChannel> = []
        var waiting: [NoticeChannel: [Waiting]] = [:]
    }

    private let state = Locked(State())

    init(capacity: Int = 20_000, maximumWait: Duration = .seconds(60)) {
        self.capacity = capacity
        self.maximumWait = maximumWait
    }

    /// Called when this process starts the sender of `channel`: its rows are handed over from now on.
    func open(_ channel: NoticeChannel) {
        state.withLock { _ = $0.open.insert(channel) }
    }

    /// True when rows of `channel` are handed to a sender in this process.
    func isOpen(_ channel: NoticeChannel) -> Bool {
        state.withLock { $0.open.contains(channel) }
    }

    /// Hands over committed rows (each claimed for `lease`) to their channel's sender.
    func hand(_ messages: [QueuedMessage], channel: NoticeChannel) {
        let now = ContinuousClock.now
        let left = state.withLock { state -> Int in
            let room = max(0, capacity - state.waiting[channel, default: []].count)
            state.waiting[channel, default: []] += messages.prefix(room).map { Waiting(message: $0, since: now) }
            return messages.count - min(room, messages.count)
        }
        if left > 0 {
            Log.warning("outbox: \(left) \(channel.rawValue) messages left to their claim, \(capacity) waiting already")
        }
    }

    /// Takes up to `limit` rows of `channel`, oldest first; rows that waited past `maximumWait` are
    /// dropped (their lease brings them back).
    func take(_ channel: NoticeChannel, limit: Int) -> [QueuedMessage] {
        let oldest = ContinuousClock.now - maximumWait
        let (taken, dropped) = state.withLock { state -> ([QueuedMessage], Int) in
            guard var waiting = state.waiting[channel], !waiting.isEmpty else { return ([], 0) }
            let stale = waiting.prefix { $0.since < oldest }.count
            let taken = waiting[stale...].prefix(limit).map(\.message)
            waiting.removeFirst(stale + taken.count)
            state.waiting[channel] = waiting
            return (taken, stale)
        }
        if dropped > 0 {
            Log.warning("outbox: \(dropped) \(channel.rawValue) messages waited too long, left to their claim")
        }
        return taken
    }

    /// Closes every channel and makes the rows still waiting due at once, for any sender.
    func releaseWaiting(on db: Connection) {
        let waiting = state.withLock { state -> [QueuedMessage] in
            state.open = []
            defer { state.waiting = [:] }
            return state.waiting.values.flatMap { $0.map(\.message) }
        }
        guard !waiting.isEmpty else { return }
        do {
            // `release` names rows by id, whatever their channel.
            try OutboxQueue(db: db, channel: .email).release(waiting.map(\.id))
        } catch {
            Log.warning("outbox: \(waiting.count) messages left to their claim: \(error)")
        }
    }
}
