/// The view model of `charges/lease.mustache`: a lease's charges and credits, with the forms to add
/// one and to reverse one.
struct ChargesPage {
    /// One stored charge or credit, as listed.
    struct Row {
        let id: String
        let date: String
        let kind: String
        let description: String
        let amount: String
        let reason: String?
        let isCredit: Bool
        /// True while something of the charge is left to reverse.
        let reversible: Bool
        let reversed: Bool
    }

    let layout: Layout
    let leaseID: String
    let tenantName: String
    let unitLabel: String
    let propertyName: String
    let balance: String
    let rows: [Row]
    let hasRows: Bool
    let today: String
    let kinds: [SelectOption]
    let amount: String
    let date: String
    let description: String
    let reason: String
    /// The add form's one-time key: submitting it twice adds one charge.
    let key: String
    let errors: [String: String]
    /// The charge whose reversal was refused, with why.
    let reversalErrors: [String: String]
    /// The deposit, shown apart from rent: nil when the lease has none.
    let deposit: DepositView?

    /// A lease's deposit and, once the lease has ended, the form to settle it.
    struct DepositView {
        let charged: String
        let held: String
        let settled: Bool
        let refunded: String
        let kept: String
        let reason: String?
        let settledOn: String?
        /// True when the lease has ended and the deposit is not settled yet.
        let canSettle: Bool
        let form: DepositForm
        let errors: [String: String]
    }

    init(
        layout: Layout, lease: LeaseDetails, lines: [ChargeLine], form: ChargeForm, reversalErrors: FieldErrors,
        deposit: DepositStanding, depositForm: DepositForm, today: CalendarDay
    ) {
        self.layout = layout
        leaseID = lease.id.description
        tenantName = lease.tenantName
        unitLabel = lease.unitLabel
        propertyName = lease.propertyName
        let say = layout.say
        balance = say.balance(lease.balance(asOf: today))
        let remaining = ChargeLine.remaining(lines)
        rows = lines.map { line in
            let left = remaining[line.id] ?? 0
            return Row(
                id: line.id.description, date: say.day(line.dueOn), kind: say("charge.kind.\(line.kind.rawValue)"),
                description: line.text(say), amount: say.money(line.amount), reason: line.reason,
                isCredit: line.kind == .credit, reversible: line.kind != .credit && left > 0,
                reversed: line.kind != .credit && left <= 0)
        }
        hasRows = !lines.isEmpty
        self.today = today.description
        kinds = ChargeKind.addedByHand.map {
            SelectOption(
                value: $0.rawValue, label: say("charge.kind.\($0.rawValue)"), selected: $0.rawValue == form.kind)
        }
        amount = form.amount
        date = form.date.isEmpty ? today.description : form.date
        description = form.description
        reason = form.reason
        key = form.key ?? OneTimeKey.fresh()
        errors = layout.say(form.errors)
        self.reversalErrors = layout.say(reversalErrors)
        let settlement = deposit.settlement
        self.deposit =
            deposit.charged == 0
            ? nil
            : DepositView(
                charged: say.money(deposit.charged), held: say.money(deposit.held), settled: settlement != nil,
                refunded: say.money(settlement?.refunded ?? 0), kept: say.money(settlement?.kept ?? 0),
                reason: settlement?.reason, settledOn: settlement.map { say.day($0.settledOn) },
                canSettle: !lease.isOpen && settlement == nil,
                form: depositForm.refunded.isEmpty && depositForm.kept.isEmpty
                    ? DepositForm(refunded: String(deposit.held), kept: "0") : depositForm,
                errors: layout.say(depositForm.errors))
    }
}

extension ChargeLine {
    /// What is left of each charge after the credits that reverse it.
    static func remaining(_ lines: [ChargeLine]) -> [ChargeID: Int] {
        var left: [ChargeID: Int] = [:]
        for line in lines where line.kind != .credit { left[line.id, default: 0] += line.amount }
        for line in lines { if let reversed = line.reverses { left[reversed, default: 0] += line.amount } }
        return left
    }
}
