#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lets threads that each bring one item have them handled together, in batches, by one of
/// themselves (flat combining): a thread that finds no batch running takes every item waiting
/// (its own among them) and runs them with its own resources; the others wait for their
/// outcome. Under light load a batch is one item and nobody waits; under heavy load the items
/// that arrive while a batch runs make up the next one, so one transaction can carry many.
///
/// At most `maxRunning` batches run at once. `run` is given the items in arrival order and
/// must return one outcome per item, in the same order.
public final class Batcher<Item, Outcome>: @unchecked Sendable {
    /// The most items one batch takes.
    public let maxBatch: Int
    /// How many batches may run at the same time (on different threads).
    public let maxRunning: Int

    /// One waiting thread: its item, its outcome once run, and its own condition, so that a
    /// finished batch wakes the threads it answered and the one that starts the next batch, not
    /// every thread waiting (most of which would find nothing to do).
    private final class Slot {
        let item: Item
        var outcome: Result<Outcome, any Error>?
        let wake: UnsafeMutablePointer<pthread_cond_t>

        init(_ item: Item) {
            self.item = item
            wake = .allocate(capacity: 1)
            wake.initialize(to: pthread_cond_t())
            precondition(pthread_cond_init(wake, nil) == 0)
        }

        deinit {
            pthread_cond_destroy(wake)
            wake.deallocate()
        }
    }

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var waiting: [Slot] = []
    private var running = 0

    /// A batcher whose batches hold at most `maxBatch` items, `maxRunning` of them at a time.
    public init(maxBatch: Int, maxRunning: Int) {
        self.maxBatch = max(1, maxBatch)
        self.maxRunning = max(1, maxRunning)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Hands `item` over and returns its outcome once its batch has run — on this thread with
    /// `run` or on another one with theirs. Throws what `run` gave as this item's error.
    public func submit(_ item: Item, run: ([Item]) -> [Result<Outcome, any Error>]) throws -> Outcome {
        let slot = Slot(item)
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        waiting.append(slot)
        while slot.outcome == nil {
            // Only the oldest waiting thread starts a batch; the others sleep until their
            // batch has run or they have become the oldest.
            guard waiting.first === slot, running < maxRunning else {
                pthread_cond_wait(slot.wake, mutex)
                continue
            }
            let batch = Array(waiting.prefix(maxBatch))
            waiting.removeFirst(batch.count)
            running += 1
            wakeOldest()
            pthread_mutex_unlock(mutex)
            var outcomes = run(batch.map(\.item))
            if outcomes.count != batch.count {
                // A broken `run`: no item may go without an answer.
                outcomes = batch.map { _ in .failure(BatchOutcomeMissing()) }
            }
            pthread_mutex_lock(mutex)
            running -= 1
            // This thread's slot was the oldest, so it is the batch's first.
            slot.outcome = outcomes[0]
            for (other, outcome) in zip(batch.dropFirst(), outcomes.dropFirst()) {
                other.outcome = outcome
                pthread_cond_signal(other.wake)
            }
            wakeOldest()
        }
        return try slot.outcome!.get()
    }

    /// Wakes the oldest waiting thread, the one that starts the next batch. Called with the
    /// mutex held, whenever a batch may have become startable.
    private func wakeOldest() {
        if let oldest = waiting.first { pthread_cond_signal(oldest.wake) }
    }
}

/// The batch's `run` returned fewer or more outcomes than it was given items.
public struct BatchOutcomeMissing: Error, CustomStringConvertible {
    public var description: String { "the batch returned no outcome for this item" }
}
