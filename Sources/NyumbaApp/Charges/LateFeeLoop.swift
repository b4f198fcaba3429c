import Web

extension BackgroundLoop {
    /// Applies the late fees that fall on today, every 30 seconds, on the reminders' clock (from
    /// 08:00 Nairobi time, or the day `NYUMBA_TODAY` pins).
    static func lateFees(config: Config, clock: ReminderClock, versions: LandlordDataVersions) -> BackgroundLoop {
        BackgroundLoop(name: "late-fees", databaseURL: config.databaseURL, pollInterval: 30) { db in
            let lateFees = LateFees(db: db, versions: versions)
            return {
                guard let today = clock.today() else { return 0 }
                let applied = try lateFees.run(today: today)
                if applied > 0 { Log.info("late-fees: \(applied) late fee(s) applied for \(today)") }
                // Always wait for the next pass: a day's fees are applied in one.
                return 0
            }
        }
    }
}
