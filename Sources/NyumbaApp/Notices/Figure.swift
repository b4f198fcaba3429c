import Foundation

/// A figure in a notice — an amount, a balance, a day — kept as a value and put into the
/// recipient's words only when the notice is rendered (`NoticeRenderer`), so one notice reads
/// "KES 8,000 … 5 Mar 2025" in English and "Ksh 8,000 … 5 Mac 2025" in Kiswahili. A notification
/// stores it tagged (`{"figure": "money", "value": 8000}`) and is put into words when shown.
enum Figure: Sendable, Equatable, TemplateLeaf {
    case money(Int)
    /// What is owed: "KES 500 due", "KES 200 in credit", "Nothing due".
    case balance(Int)
    case day(CalendarDay)
    /// The day of the month rent falls due: "1st" / "1".
    case dayOfMonth(Int)
    /// An instant, in Nairobi time.
    case dateTime(Date)
    /// Words from the catalogue ("cash", "bank transfer").
    case words(String)
    /// A late fee that is a share of the period's unpaid rent: "10% of the rent unpaid".
    case percentOfRentUnpaid(Int)
    /// A count or a meter reading, as digits.
    case number(Int)
    /// The calendar month of a day: "March 2025" / "Machi 2025".
    case month(CalendarDay)

    /// The figure in `say`'s language.
    func text(_ say: Wording) -> String {
        switch self {
        case .money(let amount): say.money(amount)
        case .balance(let amount): say.balance(amount)
        case .day(let day): say.day(day)
        case .dayOfMonth(let day): say.dayOfMonth(day)
        case .dateTime(let instant): say.dateTime(instant)
        case .words(let key): say(key)
        case .percentOfRentUnpaid(let percent): say("late_fee.percent", ["percent": "\(percent)"])
        case .number(let number): "\(number)"
        case .month(let day): say.month(year: day.year, month: day.month)
        }
    }

    /// The tagged form a notification stores.
    var stored: [String: Any] {
        switch self {
        case .money(let amount): ["figure": "money", "value": amount]
        case .balance(let amount): ["figure": "balance", "value": amount]
        case .day(let day): ["figure": "day", "value": day.description]
        case .dayOfMonth(let day): ["figure": "dayOfMonth", "value": day]
        case .dateTime(let instant): ["figure": "dateTime", "value": Int(instant.timeIntervalSince1970)]
        case .words(let key): ["figure": "words", "value": key]
        case .percentOfRentUnpaid(let percent): ["figure": "percentOfRentUnpaid", "value": percent]
        case .number(let number): ["figure": "number", "value": number]
        case .month(let day): ["figure": "month", "value": day.firstOfMonth.description]
        }
    }

    /// A stored figure read back; nil for anything else.
    init?(stored: [String: Any]) {
        guard stored.count == 2, let tag = stored["figure"] as? String else { return nil }
        let number = stored["value"] as? Int
        let text = stored["value"] as? String
        switch tag {
        case "money":
            guard let number else { return nil }
            self = .money(number)
        case "balance":
            guard let number else { return nil }
            self = .balance(number)
        case "dayOfMonth":
            guard let number else { return nil }
            self = .dayOfMonth(number)
        case "percentOfRentUnpaid":
            guard let number else { return nil }
            self = .percentOfRentUnpaid(number)
        case "number":
            guard let number else { return nil }
            self = .number(number)
        case "month":
            guard let day = text.flatMap(CalendarDay.init(iso:)) else { return nil }
            self = .month(day)
        case "dateTime":
            guard let number else { return nil }
            self = .dateTime(Date(timeIntervalSince1970: TimeInterval(number)))
        case "day":
            guard let day = text.flatMap(CalendarDay.init(iso:)) else { return nil }
            self = .day(day)
        case "words":
            guard let text else { return nil }
            self = .words(text)
        default: return nil
        }
    }

    /// `value` (a boxed model or stored parameters) with every figure in it put into `say`'s words.
    static func words(in value: Any, _ say: Wording) -> Any {
        switch value {
        case let figure as Figure: return figure.text(say)
        case let dictionary as [String: Any]:
            if let figure = Figure(stored: dictionary) { return figure.text(say) }
            return dictionary.mapValues { words(in: $0, say) }
        case let array as [Any]: return array.map { words(in: $0, say) }
        default: return value
        }
    }

    /// `value` with every figure in its stored, tagged form (for JSON).
    static func stored(in value: Any) -> Any {
        switch value {
        case let figure as Figure: return figure.stored
        case let dictionary as [String: Any]: return dictionary.mapValues { stored(in: $0) }
        case let array as [Any]: return array.map { stored(in: $0) }
        default: return value
        }
    }
}
