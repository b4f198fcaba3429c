import Foundation

/// How ledger figures read on pages and in emails.
enum LedgerText {
    /// `KES 12,500 due`, `KES 2,000 in credit`, or `Nothing due`.
    static func balance(_ amount: Int) -> String {
        if amount > 0 { return "\(Money.kes(amount)) due" }
        if amount < 0 { return "\(Money.kes(-amount)) in credit" }
        return "Nothing due"
    }

    /// `12 Mar 2025`.
    static func day(_ day: CalendarDay) -> String { NairobiTime.day(day.utcMidnight) }

    /// When the money moved, in Nairobi: a manual entry has only the date the landlord gave.
    static func when(_ payment: PaymentLine) -> String {
        payment.channel == .manual
            ? day(CalendarDay.nairobi(payment.paidAt)) : NairobiTime.dateTime(payment.paidAt)
    }

    /// `M-Pesa (STK)`, `Manual (cash)`…
    static func channel(_ payment: PaymentLine) -> String {
        guard payment.channel == .manual, let method = payment.method else { return payment.channel.label }
        return "Manual (\(method.label.lowercased()))"
    }

    /// The M-Pesa receipt number, else the landlord's reference, else a dash.
    static func proof(_ payment: PaymentLine) -> String { payment.receipt ?? payment.reference ?? "—" }
}

/// One payment as a row of a table.
struct PaymentRow {
    let date: String
    let amount: String
    let channel: String
    let isManual: Bool
    let proof: String
    let tenantName: String
    let unitLabel: String
    let propertyName: String
    let receiptLink: String

    /// `receiptBase` is `/tenant/payments` or `/landlord/payments`; `say` is the page's language.
    init(_ payment: PaymentLine, receiptBase: String, say: Wording) {
        date = say.when(payment)
        amount = say.money(payment.amount)
        channel = say.channel(payment)
        isManual = payment.channel == .manual
        proof = LedgerText.proof(payment)
        tenantName = payment.tenantName
        unitLabel = payment.unitLabel
        propertyName = payment.propertyName
        receiptLink = "\(receiptBase)/\(payment.id)/receipt"
    }
}
