import Web

/// A property's charge settings as the landlord typed them.
struct ChargeSettingsForm {
    var lateFeeKind = "none"
    var lateFeeAmount = ""
    var lateFeeDays = "5"
    var errors = FieldErrors()

    init() {}

    /// The form showing what is saved.
    init(_ policy: LateFeePolicy) {
        lateFeeKind = policy.kind
        lateFeeAmount = policy.amount == 0 ? "" : String(policy.amount)
        lateFeeDays = String(policy.afterDays)
    }

    /// Reads the form; the policy is nil when a field has an error. An amount is needed unless the
    /// late fee is off: shillings for a fixed fee, 1–100 for a percentage.
    static func read(_ form: FormData) -> (ChargeSettingsForm, LateFeePolicy?) {
        var typed = ChargeSettingsForm()
        typed.lateFeeKind = form["lateFeeKind"] ?? ""
        typed.lateFeeAmount = form["lateFeeAmount"] ?? ""
        typed.lateFeeDays = form["lateFeeDays"] ?? ""
        var errors = FieldErrors()
        var rule: LateFeePolicy.Rule?
        switch typed.lateFeeKind {
        case "none": rule = LateFeePolicy.Rule.none
        case "fixed":
            rule = .fixed(
                Validate.integer(typed.lateFeeAmount, "lateFeeAmount", LateFeePolicy.fixedAmounts, into: &errors))
        case "percent":
            rule = .percent(
                Validate.integer(typed.lateFeeAmount, "lateFeeAmount", LateFeePolicy.percents, into: &errors))
        default: errors.add("lateFeeKind", "Choose no late fee, a fixed amount or a percentage.")
        }
        let days = Validate.integer(typed.lateFeeDays, "lateFeeDays", LateFeePolicy.days, into: &errors)
        typed.errors = errors
        guard errors.isEmpty, let rule else { return (typed, nil) }
        return (typed, LateFeePolicy(rule: rule, afterDays: days))
    }
}

/// The view model of `charges/settings.mustache`.
struct ChargeSettingsPage {
    /// A choice of the late fee select.
    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    let layout: Layout
    let propertyID: String
    let propertyName: String
    let lateFeeKinds: [Choice]
    let lateFeeAmount: String
    let lateFeeDays: String
    let errors: [String: String]

    init(layout: Layout, property: Property, form: ChargeSettingsForm) {
        self.layout = layout
        propertyID = property.id.description
        propertyName = property.name
        lateFeeKinds = [
            ("none", "No late fee"), ("fixed", "A fixed amount (KES)"), ("percent", "A percentage of the rent unpaid"),
        ]
        .map { Choice(value: $0.0, label: $0.1, selected: $0.0 == form.lateFeeKind) }
        lateFeeAmount = form.lateFeeAmount
        lateFeeDays = form.lateFeeDays
        errors = form.errors.messages
    }
}
