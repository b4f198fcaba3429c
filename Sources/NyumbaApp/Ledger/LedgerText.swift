import Foundation

/// How ledger figures read in data files (CSV) and operator output, always in English; pages,
/// emails and SMS use `Wording` (`say.balance`, `say.when`, `say.channel`) in the reader's language.
enum LedgerText {
    /// `12 Mar 2025`.
    static func day(_ day: CalendarDay) -> String { NairobiTime.day(day.utcMidnight) }

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
