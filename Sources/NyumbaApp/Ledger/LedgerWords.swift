import Foundation

/// How ledger figures read, in the reader's language.
extension Wording {
    /// `KES 12,500 due`, `KES 2,000 in credit`, or `Nothing due` (and their Kiswahili).
    func balance(_ amount: Int) -> String {
        if amount > 0 { return self("ledger.balance_due", ["amount": money(amount)]) }
        if amount < 0 { return self("ledger.balance_credit", ["amount": money(-amount)]) }
        return self("ledger.balance_nothing")
    }

    /// The day of the month rent falls due: `1st` in English, `1` in Kiswahili ("tarehe 1").
    func dayOfMonth(_ day: Int) -> String { language == .english ? Ordinal.dayOfMonth(day) : "\(day)" }

    /// `12 Mar 2025, 14:05`, Nairobi time.
    func dateTime(_ date: Date) -> String {
        let minutes = Int(date.timeIntervalSince1970.rounded(.down)) / 60 + 3 * 60
        let clock = ((minutes % 1440) + 1440) % 1440
        let (hour, minute) = (clock / 60, clock % 60)
        return self.day(CalendarDay.nairobi(date)) + ", " + (hour < 10 ? "0" : "") + String(hour) + ":"
            + (minute < 10 ? "0" : "") + String(minute)
    }

    /// When the money moved: a manual entry has only the date the landlord gave.
    func when(_ payment: PaymentLine) -> String {
        payment.channel == .manual ? day(CalendarDay.nairobi(payment.paidAt)) : dateTime(payment.paidAt)
    }

    /// `M-Pesa (STK)`, `Manual (cash)`…
    func channel(_ payment: PaymentLine) -> String {
        guard payment.channel == .manual, let method = payment.method else {
            return self("ledger.channel.\(payment.channel.rawValue)")
        }
        return self("ledger.channel.manual_method", ["method": self("ledger.method.\(method.rawValue)")])
    }
}
