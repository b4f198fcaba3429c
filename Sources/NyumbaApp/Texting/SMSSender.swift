import MariaDB
import SMS
import Web

/// Delivers the outbox's SMS: claims due rows for a lease (see `OutboxQueue`), sends each
/// through the transport, and records it as sent (with the gateway's message id, parts and
/// cost), to be retried with exponential back-off, or failed for good.
///
/// Never sent twice: a row is sent only once claimed, is marked sent as soon as the gateway
/// accepts it, and is retried only when the gateway said it sent nothing (no connection, a
/// 5xx or 429, a retryable per-recipient code); an answer that cannot be read is failed, not retried.
struct SMSSender {
    let db: Connection
    let transport: any SMSTransport
    let settings: SMSSettings

    /// Claims and sends one batch of due SMS; returns how many were claimed.
    func deliverBatch() throws -> Int {
        let queue = OutboxQueue(db: db, channel: .sms)
        return try queue.deliverBatch { try deliver($0, queue: queue) }
    }

    /// How many queued SMS are due now.
    func dueCount() throws -> Int {
        try OutboxQueue(db: db, channel: .sms).dueCount()
    }

    private func deliver(_ queued: QueuedMessage, queue: OutboxQueue) throws {
        let number = Self.masked(queued.recipient)
        let message: SMSMessage
        let result: SMSRecipientResult
        do throws(SMSError) {
            message = try SMSMessage(to: [queued.recipient], text: queued.textBody, senderID: settings.senderID)
            guard let first = try transport.send(message).first else { throw .rejected("") }
            result = first
        } catch {
            return try fail(queued, number, reason: error.code, permanent: error.isPermanent, queue: queue)
        }
        guard result.isAccepted else {
            return try fail(
                queued, number,
                reason: "gateway_status=\(result.statusCode) \(Self.printable(result.status))",
                permanent: !result.isRetryable, queue: queue)
        }
        let segments = message.segments
        let parts = result.parts ?? segments.count
        try queue.markSent(queued.id, messageID: result.messageID, segments: parts, cost: result.cost)
        Log.info(
            "sms: sent #\(queued.id) \(queued.kind) to \(number), \(parts) part\(parts == 1 ? "" : "s") "
                + "\(segments.encoding.rawValue) (\(segments.units) units), cost \(result.cost.isEmpty ? "unknown" : result.cost)"
        )
    }

    private func fail(_ queued: QueuedMessage, _ number: String, reason: String, permanent: Bool, queue: OutboxQueue)
        throws
    {
        let retryAfter = try queue.markFailed(
            queued, error: reason, permanent: permanent, retryBase: settings.retryBaseSeconds,
            maxAttempts: settings.maxAttempts)
        let outcome = retryAfter.map { "will retry in \($0) s" } ?? "given up"
        Log.warning(
            "sms: #\(queued.id) \(queued.kind) to \(number) failed on attempt \(queued.attempts + 1), \(outcome): \(reason)"
        )
    }

    /// The gateway's word for a status, at most 40 printable ASCII characters (it goes into the log).
    private static func printable(_ status: String) -> String {
        String(
            String.UnicodeScalarView(status.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }).prefix(40))
    }

    /// `+2547…678`: enough to tell messages apart in a log, not a whole number.
    static func masked(_ number: String) -> String {
        number.count > 8 ? String(number.prefix(5)) + "…" + String(number.suffix(3)) : "…"
    }
}
