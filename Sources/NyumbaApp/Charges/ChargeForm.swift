import Web

/// A charge or credit as the landlord typed it on a lease.
struct ChargeForm {
    var kind = ChargeKind.oneOff.rawValue
    var amount = ""
    var date = ""
    var description = ""
    var reason = ""
    /// The form's one-time key as sent (`OneTimeKey.read`), kept when the form is shown again with errors.
    var key: String? = nil
    var errors = FieldErrors()

    static let amounts = 1...10_000_000

    /// A valid charge or credit.
    struct Value {
        let kind: ChargeKind
        let amount: Int
        let day: CalendarDay
        let description: String
        let reason: String?
    }

    /// Reads the form; the value is nil when a field has an error. The date may be any day from the
    /// lease's start to today (a charge is never dated ahead); a credit needs a reason.
    static func read(_ form: FormData, leaseStart: CalendarDay, today: CalendarDay) -> (ChargeForm, Value?) {
        var errors = FieldErrors()
        let kind = ChargeKind(rawValue: form["kind"] ?? "").flatMap { ChargeKind.addedByHand.contains($0) ? $0 : nil }
        if kind == nil { errors.add("kind", "charges.choose_kind") }
        let amount = Validate.integer(form["amount"], "amount", amounts, into: &errors)
        let day = LedgerForms.pastDay(form["date"], "date", from: leaseStart, to: today, into: &errors)
        let description = Validate.text(form["description"], "description", limit: 200, into: &errors)
        let reason = LedgerForms.optionalText(form["reason"], "reason", limit: 500, into: &errors)
        if kind == .credit && reason == nil { errors.add("reason", "charges.credit_reason") }
        let typed = ChargeForm(
            kind: form["kind"] ?? "", amount: form["amount"] ?? "", date: form["date"] ?? "",
            description: form["description"] ?? "", reason: form["reason"] ?? "",
            key: OneTimeKey.read(form["key"]), errors: errors)
        guard errors.isEmpty, let kind, let day else { return (typed, nil) }
        return (typed, Value(kind: kind, amount: amount, day: day, description: description, reason: reason))
    }
}

/// The reason a landlord gives for reversing (or waiving) one charge.
struct ReversalForm {
    /// Reads the reason; nil with the error when it is missing or too long.
    static func read(_ form: FormData) -> (reason: String?, errors: FieldErrors) {
        var errors = FieldErrors()
        let reason = LedgerForms.optionalText(form["reason"], "reason", limit: 500, into: &errors)
        if reason == nil && errors.isEmpty { errors.add("reason", "charges.reversal_reason") }
        return (errors.isEmpty ? reason : nil, errors)
    }
}

/// The settlement of a deposit as the landlord typed it.
struct DepositForm {
    var refunded = ""
    var kept = ""
    var reason = ""
    var errors = FieldErrors()

    /// Reads the amounts and the reason; nil values when a field has an error.
    static func read(_ form: FormData) -> (DepositForm, (refunded: Int, kept: Int, reason: String?)?) {
        var errors = FieldErrors()
        let refunded = Validate.integer(form["refunded"], "refunded", 0...10_000_000, into: &errors)
        let kept = Validate.integer(form["kept"], "kept", 0...10_000_000, into: &errors)
        let reason = LedgerForms.optionalText(form["reason"], "reason", limit: 500, into: &errors)
        let typed = DepositForm(
            refunded: form["refunded"] ?? "", kept: form["kept"] ?? "", reason: form["reason"] ?? "", errors: errors)
        return (typed, errors.isEmpty ? (refunded, kept, reason) : nil)
    }
}
