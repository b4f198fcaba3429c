import Mail
import MariaDB

extension BackgroundLoop {
    /// The mailer: delivers the outbox, looking about once a second. The transport is
    /// built here so that a bad SMTP URL stops start-up.
    static func mailer(databaseURL: DatabaseURL, settings: MailSettings) throws(MailError) -> BackgroundLoop {
        let transport = try Mailer.transport(for: settings)
        return BackgroundLoop(name: "mailer", databaseURL: databaseURL, pollInterval: 1) { db in
            let mailer = Mailer(db: db, transport: transport, settings: settings)
            return { try mailer.deliverBatch() }
        }
    }
}
