import Foundation
import MariaDB
import Web

/// Water readings as typed for a whole property, from the table of units or from pasted CSV: the
/// reading day and one text per unit.
struct WaterReadingsInput {
    var date = ""
    var readings: [UnitID: String] = [:]
    var csv = ""

    static let values = 0...99_999_999

    /// The name of a unit's field in the table.
    static func field(_ unit: UnitID) -> String { "reading_\(unit)" }

    /// Reads the table form: `date` and `reading_<unit id>` per unit.
    static func fromForm(_ form: FormData, meters: [UnitMeter]) -> WaterReadingsInput {
        var input = WaterReadingsInput(date: form["date"] ?? "")
        for meter in meters { input.readings[meter.unitID] = form[field(meter.unitID)] ?? "" }
        return input
    }

    /// Reads pasted CSV lines `unit,reading` (a header line `unit,…` is skipped); problems with the
    /// lines themselves go into `errors` under `csv`.
    static func fromCSV(_ text: String, date: String, meters: [UnitMeter], errors: inout FieldErrors)
        -> WaterReadingsInput
    {
        var input = WaterReadingsInput(date: date, csv: text)
        let units = Dictionary(
            meters.map { ($0.label.uppercased(), $0.unitID) }, uniquingKeysWith: { first, _ in first })
        // A spreadsheet's "CSV UTF-8" starts with a byte-order mark; its empty columns end a line in commas.
        let lines = text.drop { $0 == "\u{FEFF}" }.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            while cells.count > 2, cells.last?.isEmpty == true { cells.removeLast() }
            if cells.allSatisfy(\.isEmpty) || (index == 0 && ["unit", "nyumba"].contains(cells[0].lowercased())) {
                continue
            }
            let number = index + 1
            guard cells.count == 2 else {
                errors.add("csv", "water.csv_line", ["line": "\(number)"])
                continue
            }
            guard let unit = units[cells[0].uppercased()] else {
                errors.add("csv", "water.csv_unknown_unit", ["line": "\(number)", "unit": cells[0]])
                continue
            }
            guard input.readings[unit] == nil else {
                errors.add("csv", "water.csv_twice", ["line": "\(number)", "unit": cells[0]])
                continue
            }
            input.readings[unit] = cells[1]
        }
        if input.readings.isEmpty { errors.add("csv", "water.csv_empty") }
        return input
    }

    /// The readings checked against the meters: every let unit needs one; none may be lower than,
    /// or dated on or before, the unit's last reading; the water rate must be set. Nil with the
    /// problems in `errors` otherwise.
    func check(meters: [UnitMeter], rate: Int, today: CalendarDay, errors: inout FieldErrors)
        -> (day: CalendarDay, readings: [(UnitMeter, Int)])?
    {
        if rate <= 0 {
            errors.add("date", "water.no_rate")
        }
        let day = LedgerForms.pastDay(date, "date", from: CalendarDay(2000, 1, 1), to: today, into: &errors)
        var checked: [(UnitMeter, Int)] = []
        for meter in meters {
            let field = Self.field(meter.unitID)
            let text = (readings[meter.unitID] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                if meter.isLet { errors.add(field, "water.missing", ["unit": meter.label]) }
                continue
            }
            var own = FieldErrors()
            let value = Validate.integer(text, field, Self.values, into: &own)
            if let last = meter.lastReading, let lastDay = meter.lastReadOn, own.isEmpty {
                if value < last {
                    own.add(field, "water.lower", ["last": "\(last)", "day": LedgerText.day(lastDay)])
                } else if let day, day <= lastDay {
                    own.add(field, "water.same_day", ["day": LedgerText.day(lastDay)])
                }
            }
            if let message = own[field] { errors.add(field, message) } else { checked.append((meter, value)) }
        }
        guard errors.isEmpty, let day else { return nil }
        return (day, checked)
    }
}

/// Stores a property's water readings and charges each let unit's tenant for the water used since
/// the last reading, all in one transaction: any problem, and nothing is stored or charged.
struct WaterBilling {
    let db: Connection
    let versions: LandlordDataVersions

    enum Outcome {
        /// How many readings were stored and how many charges they made.
        case recorded(readings: Int, charges: Int)
        case invalid(FieldErrors)
    }

    func record(
        _ input: WaterReadingsInput, property: PropertyID, landlord: UserID, today: CalendarDay,
        errors known: FieldErrors = FieldErrors()
    ) throws -> Outcome {
        try LockConflictRetry.transaction(db) {
            let meters = WaterMeterStore(db: db)
            try meters.lockUnits(property: property)
            let rate = try ChargeSettingsStore(db: db).settings(property: property, landlord: landlord).waterRate
            var errors = known
            guard
                let (day, readings) = input.check(
                    meters: try meters.meters(property: property, landlord: landlord), rate: rate, today: today,
                    errors: &errors), errors.isEmpty
            else { return .invalid(errors) }
            var charges = 0
            for (meter, reading) in readings {
                var charge: ChargeID? = nil
                if let water = Self.charge(
                    meter, reading: reading, rate: rate, property: property, landlord: landlord, on: day)
                {
                    charge = try ChargeStore(db: db).add(water, versions: versions)
                    charges += 1
                }
                try meters.insert(
                    reading, meter: meter, property: property, landlord: landlord, on: day, charge: charge)
            }
            return .recorded(readings: readings.count, charges: charges)
        }
    }

    /// The water charge of a let unit: the units used since its last reading × the rate. None for the
    /// first reading, or when the last one was taken before this tenant's lease started (a baseline).
    static func charge(
        _ meter: UnitMeter, reading: Int, rate: Int, property: PropertyID, landlord: UserID, on day: CalendarDay
    ) -> NewCharge? {
        guard let lease = meter.leaseID, let tenant = meter.tenantID, let start = meter.leaseStart,
            let last = meter.lastReading, let lastDay = meter.lastReadOn, lastDay >= start, reading > last
        else { return nil }
        let used = reading - last
        var charge = NewCharge(
            lease: lease, tenant: tenant, landlord: landlord, property: property, kind: .utility, amount: used * rate,
            dueOn: day, description: "")
        charge.words = ChargeWords(
            "charge.text.water",
            [
                "from": .number(last), "to": .number(reading), "day": .day(day), "used": .number(used),
                "rate": .money(rate),
            ])
        return charge
    }
}
