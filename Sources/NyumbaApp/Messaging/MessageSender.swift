import MariaDB

/// Why a message was not sent.
enum MessageRefusal: Error {
    /// The sender reached the hourly limit.
    case tooMany(limit: Int)
}

/// Sends a message between a tenant and their landlord: stored, emailed (Reply-To the
/// sender) and, for the landlord, added to their notifications — together or not at all.
struct MessageSender {
    let db: Connection
    let views: Views
    let config: Config

    /// Messages a tenant may send in an hour.
    static let tenantHourlyLimit = 5
    /// Messages a landlord may send to their tenants in an hour.
    static let landlordHourlyLimit = 30

    /// Sends `subject`/`text` along `lease` in `direction`; throws `MessageRefusal` over the limit.
    /// With the form's one-time `key` (or the API's `Idempotency-Key`) spent before, by the same
    /// sender, nothing is sent again: a message posted twice goes once.
    func send(_ direction: MessageDirection, lease: LeaseDetails, subject: String, text: String, key: String?)
        throws
    {
        let store = MessageStore(db: db)
        let notifier = Notifier(db: db, views: views, config: config)
        try db.transaction {
            let sender = direction == .toLandlord ? lease.tenantID : lease.landlordID
            if let key, try !SpentFormKeys(db: db).spend(key, by: sender) { return }
            switch direction {
            case .toLandlord:
                let sent = try store.lockAndCountLastHour(sender: lease.tenantID, direction: direction)
                guard sent < Self.tenantHourlyLimit else { throw MessageRefusal.tooMany(limit: Self.tenantHourlyLimit) }
                let path = "/landlord/leases/\(lease.id)/message"
                let message = MessageNotice(lease, subject: subject, text: text, link: config.link(path))
                let queued = try notifier.send(
                    Notice(
                        recipient: lease.landlord, model: MessageToLandlord(message: message),
                        landlordID: lease.landlordID, replyTo: lease.tenantEmail, link: path))
                try store.record(lease: lease, direction: direction, subject: subject, body: text, outbox: queued.email)
            case .toTenant:
                let sent = try store.lockAndCountLastHour(sender: lease.landlordID, direction: direction)
                guard sent < Self.landlordHourlyLimit else {
                    throw MessageRefusal.tooMany(limit: Self.landlordHourlyLimit)
                }
                let message = MessageNotice(lease, subject: subject, text: text, link: config.link("/tenant/messages"))
                let queued = try notifier.send(
                    Notice(
                        recipient: lease.tenant, model: MessageToTenant(message: message), landlordID: lease.landlordID,
                        replyTo: lease.landlordEmail))
                try store.record(lease: lease, direction: direction, subject: subject, body: text, outbox: queued.email)
            }
        }
    }
}
