/// What a lease owes as of a day: the rent fallen due under its schedule, plus its charges, minus
/// its credits and payments. The one place that formula lives: balances, reminders, statements,
/// the dashboard, the CSVs and the API all ask it.
struct LeaseAccount: Sendable {
    let schedule: RentSchedule
    /// Charges minus credits due by the day asked about (for today: all of them, since a charge is
    /// never dated after the day it is recorded).
    let charged: Int
    /// Payments counted (for today: every payment recorded).
    let paid: Int

    /// Rent due by `day` plus charges minus credits and payments; negative is credit.
    func balance(asOf day: CalendarDay) -> Int { schedule.rentDue(asOf: day) + charged - paid }
}
