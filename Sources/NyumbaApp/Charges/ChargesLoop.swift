import Web

extension BackgroundLoop {
    /// Adds the charges that fall on today — monthly fixed charges and late fees — every 30
    /// seconds, on the reminders' clock (from 08:00 Nairobi time, or the day `NYUMBA_TODAY` pins).
    static func charges(config: Config, clock: ReminderClock, versions: LandlordDataVersions) -> BackgroundLoop {
        BackgroundLoop(name: "charges", databaseURL: config.databaseURL, pollInterval: 30) { db in
            let monthly = MonthlyCharges(db: db, versions: versions)
            let lateFees = LateFees(db: db, versions: versions)
            return {
                guard let today = clock.today() else { return 0 }
                let added = try monthly.run(today: today)
                let fees = try lateFees.run(today: today)
                if added + fees > 0 {
                    Log.info("charges: \(added) monthly charge(s), \(fees) late fee(s) for \(today)")
                }
                // Always wait for the next pass: a day's charges are added in one.
                return 0
            }
        }
    }
}
