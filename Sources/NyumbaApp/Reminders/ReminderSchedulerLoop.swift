import Web

extension BackgroundLoop {
    /// The reminder scheduler: queues the automatic reminders due today, every 30 seconds.
    static func reminders(config: Config, views: Views, clock: ReminderClock) -> BackgroundLoop {
        BackgroundLoop(name: "reminders", databaseURL: config.databaseURL, pollInterval: 30) { db in
            let scheduler = ReminderScheduler(db: db, views: views, config: config)
            return {
                guard let today = clock.today() else { return 0 }
                let sent = try scheduler.run(today: today)
                if sent > 0 { Log.info("reminders: \(sent) automatic reminder(s) queued for \(today)") }
                // Always wait for the next pass: a day's reminders go out in one.
                return 0
            }
        }
    }
}
