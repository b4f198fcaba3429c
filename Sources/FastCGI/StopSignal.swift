import Glibc

/// Blocks SIGTERM and SIGINT in the calling thread (and the threads it starts later),
/// so that they can be taken synchronously with `wait()`.
///
/// libfcgi installs handlers of its own that only set a flag, which a threaded
/// responder would never look at; taking the signals with `sigwait` replaces them.
struct StopSignal {
    private var set = sigset_t()

    init() {
        signal(SIGPIPE, SIG_IGN)
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until SIGTERM or SIGINT arrives and returns its number.
    func wait() -> Int32 {
        var received: Int32 = 0
        var set = self.set
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
