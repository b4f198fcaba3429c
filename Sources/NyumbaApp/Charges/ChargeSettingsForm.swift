import Foundation
import Web

/// A property's charge settings as the landlord typed them.
struct ChargeSettingsForm {
    var lateFeeKind = "none"
    var lateFeeAmount = ""
    var lateFeeDays = "5"
    var garbageFee = ""
    var securityFee = ""
    var waterRate = ""
    var depositMonths = ""
    var errors = FieldErrors()

    init() {}

    /// The form showing what is saved.
    init(_ settings: PropertyChargeSettings) {
        let policy = settings.lateFee
        lateFeeKind = policy.kind
        lateFeeAmount = policy.amount == 0 ? "" : String(policy.amount)
        lateFeeDays = String(policy.afterDays)
        garbageFee = String(settings.garbageFee)
        securityFee = String(settings.securityFee)
        waterRate = String(settings.waterRate)
        depositMonths = String(settings.depositMonths)
    }

    /// Reads the form; the settings are nil when a field has an error. A late fee amount is needed
    /// unless it is off: shillings for a fixed fee, 1–100 for a percentage; blank amounts elsewhere are 0.
    static func read(_ form: FormData) -> (ChargeSettingsForm, PropertyChargeSettings?) {
        var typed = ChargeSettingsForm()
        typed.lateFeeKind = form["lateFeeKind"] ?? ""
        typed.lateFeeAmount = form["lateFeeAmount"] ?? ""
        typed.lateFeeDays = form["lateFeeDays"] ?? ""
        typed.garbageFee = form["garbageFee"] ?? ""
        typed.securityFee = form["securityFee"] ?? ""
        typed.waterRate = form["waterRate"] ?? ""
        typed.depositMonths = form["depositMonths"] ?? ""
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
        default: errors.add("lateFeeKind", "charges.choose_late_fee")
        }
        let days = Validate.integer(typed.lateFeeDays, "lateFeeDays", LateFeePolicy.days, into: &errors)
        func amount(_ text: String, _ field: String, _ range: ClosedRange<Int>) -> Int {
            text.trimmingCharacters(in: .whitespaces).isEmpty ? 0 : Validate.integer(text, field, range, into: &errors)
        }
        let garbage = amount(typed.garbageFee, "garbageFee", PropertyChargeSettings.monthlyAmounts)
        let security = amount(typed.securityFee, "securityFee", PropertyChargeSettings.monthlyAmounts)
        let water = amount(typed.waterRate, "waterRate", PropertyChargeSettings.waterRates)
        let months = amount(typed.depositMonths, "depositMonths", PropertyChargeSettings.depositMonthsRange)
        typed.errors = errors
        guard errors.isEmpty, let rule else { return (typed, nil) }
        return (
            typed,
            PropertyChargeSettings(
                lateFee: LateFeePolicy(rule: rule, afterDays: days), garbageFee: garbage, securityFee: security,
                waterRate: water, depositMonths: months)
        )
    }
}

/// The view model of `charges/settings.mustache`.
struct ChargeSettingsPage {

    let layout: Layout
    let propertyID: String
    let propertyName: String
    let lateFeeKinds: [SelectOption]
    let lateFeeAmount: String
    let lateFeeDays: String
    let garbageFee: String
    let securityFee: String
    let waterRate: String
    let depositMonths: String
    let errors: [String: String]

    init(layout: Layout, property: Property, form: ChargeSettingsForm) {
        self.layout = layout
        propertyID = property.id.description
        propertyName = property.name
        lateFeeKinds = ["none", "fixed", "percent"].map {
            SelectOption(value: $0, label: layout.say("chg.late_fee_kind.\($0)"), selected: $0 == form.lateFeeKind)
        }
        lateFeeAmount = form.lateFeeAmount
        lateFeeDays = form.lateFeeDays
        garbageFee = form.garbageFee
        securityFee = form.securityFee
        waterRate = form.waterRate
        depositMonths = form.depositMonths
        errors = layout.say(form.errors)
    }
}
