/// Everything the simulator remembers; guarded by the engine's mutex.
struct SimulatorState {
    /// Access tokens and when each expires.
    var tokens: [String: ContinuousClock.Instant] = [:]
    /// OAuth requests received (successful or not).
    var oauthCalls = 0
    /// Pushes by CheckoutRequestID, and the order they came in.
    var pushes: [String: SimulatedPush] = [:]
    var order: [String] = []
    /// When each push's outcome is decided (its callback is due).
    var decidedAt: [String: ContinuousClock.Instant] = [:]
    /// Outcome overrides by phone number (from `POST /sim/outcomes`).
    var overrides: [String: String] = [:]
    /// Receipt numbers handed out, to keep them unique.
    var receipts: Set<String> = []
    /// C2B URLs registered, by shortcode.
    var c2bRegistrations: [String: SimulatedC2BRegistration] = [:]
    /// Counts requests, for unique ids.
    var serial = 0

    mutating func nextSerial() -> Int {
        serial += 1
        return serial
    }
}

/// The C2B URLs registered for a shortcode, and with which Register URL version.
struct SimulatedC2BRegistration: Sendable {
    let confirmationURL: String
    let validationURL: String
    let version: String
    let responseType: String
}
