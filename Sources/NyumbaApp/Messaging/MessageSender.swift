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
    func send(_ direction: MessageDirection, lease: LeaseDetails, subject: String, text: String) throws {
        let store = MessageStore(db: db)
        let composer = EmailComposer(views: views, config: config)
        let place = "\(lease.unitLabel), \(lease.propertyName)"
        try db.transaction {
            switch direction {
            case .toLandlord:
                let sent = try store.lockAndCountLastHour(sender: lease.tenantID, direction: direction)
                guard sent < Self.tenantHourlyLimit else { throw MessageRefusal.tooMany(limit: Self.tenantHourlyLimit) }
                try Outbox(db: db).enqueue(
                    composer.draft(
                        .messageToLandlord, to: (lease.landlordName, lease.landlordEmail),
                        subject: String("Message from \(lease.tenantName) (\(place)): \(subject)".prefix(200)),
                        model(lease, subject, text, link: config.link("/landlord/leases/\(lease.id)/message")),
                        landlordID: lease.landlordID, replyTo: lease.tenantEmail))
                try store.record(lease: lease, direction: direction, subject: subject, body: text)
                try LandlordNotifications(db: db).add(
                    .message, landlord: lease.landlordID,
                    message: "Message from \(lease.tenantName) (\(place)): \(subject)",
                    link: "/landlord/leases/\(lease.id)/message")
            case .toTenant:
                let sent = try store.lockAndCountLastHour(sender: lease.landlordID, direction: direction)
                guard sent < Self.landlordHourlyLimit else {
                    throw MessageRefusal.tooMany(limit: Self.landlordHourlyLimit)
                }
                try Outbox(db: db).enqueue(
                    composer.draft(
                        .messageToTenant, to: (lease.tenantName, lease.tenantEmail),
                        subject: String("Message from \(lease.landlordName) (\(place)): \(subject)".prefix(200)),
                        model(lease, subject, text, link: config.link("/tenant/messages")),
                        landlordID: lease.landlordID, replyTo: lease.landlordEmail))
                try store.record(lease: lease, direction: direction, subject: subject, body: text)
            }
        }
    }

    private func model(_ lease: LeaseDetails, _ subject: String, _ text: String, link: String) -> [String: Any] {
        [
            "tenantName": lease.tenantName, "tenantEmail": lease.tenantEmail, "landlordName": lease.landlordName,
            "landlordEmail": lease.landlordEmail, "unit": lease.unitLabel, "propertyName": lease.propertyName,
            "subject": subject, "text": text, "link": link,
        ]
    }
}
