import Synchronization

/// Shared between the signal-handling thread and the workers: are we stopping?
final class ServerState: Sendable {
    private let stopping = Atomic<Bool>(false)

    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    func stop() { stopping.store(true, ordering: .releasing) }
}
