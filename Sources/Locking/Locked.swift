#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value that threads share, reached only through `withLock`, under a pthread mutex.
///
/// Used instead of `Synchronization.Mutex`: on Linux that one locks with atomics and futex
/// calls inside the uninstrumented libswiftSynchronization, so ThreadSanitizer sees no
/// ordering between two critical sections and reports each access made in them as a race.
/// TSan intercepts `pthread_mutex_lock`/`unlock`, so with this lock it sees the real ordering
/// (and would still report an access made outside the lock).
///
/// Like `Mutex`, it is not recursive: calling `withLock` again from inside `body` deadlocks.
public final class Locked<Value>: @unchecked Sendable {
    // Heap-allocated so that the mutex never moves (a pthread_mutex_t must not be copied).
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Guards `value` from now on.
    public init(_ value: sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock; what it returns must not keep the
    /// value's non-`Sendable` parts (the same contract as `Mutex.withLock`).
    public func withLock<Result, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        let locked = pthread_mutex_lock(mutex)
        precondition(locked == 0, "pthread_mutex_lock failed: \(locked)")
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
