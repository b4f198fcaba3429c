import Foundation

/// Money, days and months as a locale writes them, from Foundation's CLDR data (`sw_KE`:
/// "Ksh 12,500", "5 Machi 2025"; `en_KE`: "Ksh 12,500", "5 March 2025"). Month names are read once;
/// amounts are whole units of the currency.
public struct LocaleFormat: Sendable {
    public let locale: Locale
    /// January… in the locale's words, wide ("Machi") and abbreviated ("Mac").
    public let monthNames: [String]
    public let shortMonthNames: [String]
    private let currency: String

    public init(locale identifier: String, currency: String) {
        locale = Locale(identifier: identifier)
        let formatter = DateFormatter()
        formatter.locale = locale
        monthNames = formatter.standaloneMonthSymbols
        shortMonthNames = formatter.shortStandaloneMonthSymbols
        self.currency = currency
    }

    /// `12500` → `Ksh 12,500` (with the locale's sign and no-break space).
    public func money(_ amount: Int) -> String {
        amount.formatted(.currency(code: currency).locale(locale).precision(.fractionLength(0)))
    }

    /// `5 Mac 2025` (abbreviated month) or `5 Machi 2025` (`wide`).
    public func day(year: Int, month: Int, day: Int, wide: Bool = false) -> String {
        "\(day) \((wide ? monthNames : shortMonthNames)[month - 1]) \(year)"
    }

    /// `Machi 2025`.
    public func month(year: Int, month: Int) -> String { "\(monthNames[month - 1]) \(year)" }
}
