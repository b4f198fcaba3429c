import MariaDB
import SMS
import Web

/// Delivers the outbox's SMS: claims due rows for a lease (see `OutboxQueue`), sends each
/// through the transport, and records it as sent (with the gateway's message id, parts and
/// cost), to be retried with exponential back-off, or failed for good.
///
/// Never sent twice: a row is sent only once claimed, is marked sent as soon as the gateway
/// accepts it (the file transport's with their batch, once synced), and is retried only when the
/// gateway said it sent nothing (no connection, a 5xx or 429, a retryable per-recipient code); an
/// answer that cannot be read is failed, not retried.
struct SMSSender {
    let db: Connection
    let transport: any SMSTransport
    let settings: SMSSettings

    /// Claims and sends one batch of due SMS; returns how many it took on. What a gateway
    /// accepted is recorded as sent at once; what a lazy transport (files) took is made durable
    /// with the batch (`SMSTransport.flush`: one sync) and recorded in one statement — also
    /// when a later one of the batch throws.
    func deliverBatch() throws -> Int {
        let queue = OutboxQueue(db: db, channel: .sms)
        var sent: [Accepted] = []
        do {
            let claimed = try queue.deliverBatch {
                guard let accepted = try deliver($0, queue: queue) else { return }
                sent.append(accepted)
                if !transport.sendsLazily {
                    try record(sent, queue: queue)
                    sent = []
                }
            }
            try record(sent, queue: queue)
            return claimed
        } catch {
            try? record(sent, queue: queue)
            throw error
        }
    }

    /// An SMS the gateway accepted, to record as sent with its batch.
    private struct Accepted {
        let queued: QueuedMessage
        let result: SMSRecipientResult
        let segments: SMSSegments
        /// The parts billed: the gateway's count, else ours.
        var parts: Int { result.parts ?? segments.count }
    }

    /// Records `sent` as sent once they are durable; if they cannot be made so, they stay claimed
    /// and go out again when the claim runs out.
    private func record(_ sent: [Accepted], queue: OutboxQueue) throws {
        guard !sent.isEmpty else { return }
        do throws(SMSError) {
            try transport.flush()
        } catch {
            Log.warning("sms: could not make \(sent.count) sent SMS durable: \(error)")
            return
        }
        try queue.markSent(
            sent.map {
                SentSMS(
                    id: $0.queued.id, messageID: $0.result.messageID, segments: $0.parts, cost: $0.result.cost)
            })
        for sms in sent {
            let parts = sms.parts
            let cost = sms.result.cost
            Log.info(
                "sms: sent #\(sms.queued.id) \(sms.queued.kind) to \(Self.masked(sms.queued.recipient)), \(parts) part\(parts == 1 ? "" : "s") "
                    + "\(sms.segments.encoding.rawValue) (\(sms.segments.units) units), cost \(cost.isEmpty ? "unknown" : cost)"
            )
        }
    }

    /// How many queued SMS are due now.
    func dueCount() throws -> Int {
        try OutboxQueue(db: db, channel: .sms).dueCount()
    }

    /// Sends one SMS; the accepted one to record with its batch, nil when the failure was recorded.
    private func deliver(_ queued: QueuedMessage, queue: OutboxQueue) throws -> Accepted? {
        let number = Self.masked(queued.recipient)
        let message: SMSMessage
        let result: SMSRecipientResult
        do throws(SMSError) {
            message = try SMSMessage(to: [queued.recipient], text: queued.textBody, senderID: settings.senderID)
            guard let first = try transport.send(message).first else { throw .rejected("") }
            result = first
        } catch {
            try fail(queued, number, reason: error.code, permanent: error.isPermanent, queue: queue)
            return nil
        }
        guard result.isAccepted else {
            try fail(
                queued, number,
                reason: "gateway_status=\(result.statusCode) \(Self.printable(result.status))",
                permanent: !result.isRetryable, queue: queue)
            return nil
        }
        return Accepted(queued: queued, result: result, segments: message.segments)
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
