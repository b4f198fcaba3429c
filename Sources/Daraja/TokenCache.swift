import Locking

/// OAuth tokens, one per credential set, shared by every thread of the process.
///
/// Each credential set has its own slot whose lock is held while a token is fetched, so
/// concurrent callers wait for one fetch instead of each fetching (a new token may
/// invalidate the previous one) and other credential sets are not held up.
final class TokenCache: Sendable {
    /// A token and the moment it should be replaced (~60 s before Daraja's expiry).
    struct Token: Sendable {
        let value: String
        let refreshAt: ContinuousClock.Instant
    }

    private let slots = Locked<[DarajaCredentials: Slot]>([:])

    /// The cached token for `credentials`, or a fresh one from `fetch`.
    func token(
        for credentials: DarajaCredentials, fetch: () throws(DarajaError) -> Token
    ) throws(DarajaError) -> String {
        try slot(for: credentials).token(fetch: fetch)
    }

    /// Forgets `token` if it is still the cached one (another thread may have replaced it already).
    func invalidate(_ token: String, for credentials: DarajaCredentials) {
        slot(for: credentials).invalidate(token)
    }

    private func slot(for credentials: DarajaCredentials) -> Slot {
        slots.withLock { slots in
            if let slot = slots[credentials] { return slot }
            let slot = Slot()
            slots[credentials] = slot
            return slot
        }
    }

    private final class Slot: Sendable {
        private let current = Locked<Token?>(nil)

        func token(fetch: () throws(DarajaError) -> Token) throws(DarajaError) -> String {
            try current.withLock { (current) throws(DarajaError) -> String in
                if let token = current, ContinuousClock.now < token.refreshAt { return token.value }
                let token = try fetch()
                current = token
                return token.value
            }
        }

        func invalidate(_ token: String) {
            current.withLock { current in
                if current?.value == token { current = nil }
            }
        }
    }
}
