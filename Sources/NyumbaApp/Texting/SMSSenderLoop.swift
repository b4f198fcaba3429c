import MariaDB
import SMS

extension BackgroundLoop {
    /// The SMS sender: delivers the outbox's SMS, looking about once a second. The transport
    /// is built here so that bad gateway settings stop start-up.
    static func smsSender(databaseURL: DatabaseURL, settings: SMSSettings) throws(SMSError) -> BackgroundLoop {
        let transport = try settings.transport()
        return BackgroundLoop(name: "sms", databaseURL: databaseURL, pollInterval: 1) { db in
            let sender = SMSSender(db: db, transport: transport, settings: settings)
            return { try sender.deliverBatch() }
        }
    }
}
