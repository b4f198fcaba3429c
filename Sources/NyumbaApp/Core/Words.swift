import Localization
import Web

/// Words to show a person, named by catalogue key with the values of its `{placeholders}`: put
/// into the reader's language only when shown (`Wording`), so forms, stores and errors never hold
/// a sentence.
struct Words: Sendable, Equatable {
    let key: String
    let values: [String: String]
    /// Placeholders that are sums of money, written in the reader's form when shown.
    let amounts: [String: Int]

    init(_ key: String, _ values: [String: String] = [:], amounts: [String: Int] = [:]) {
        self.key = key
        self.values = values
        self.amounts = amounts
    }
}

/// One language's catalogue, to put `Words` into that language. Page models reach it through
/// their `Layout`; templates never see it.
struct Wording: Sendable, HiddenFromTemplates {
    let language: Language
    private let catalogue: Catalog?
    private let format: LocaleFormat

    init(language: Language, catalogue: Catalog?) {
        self.language = language
        self.catalogue = catalogue
        format = language.format
    }

    /// Whole shillings: `KES 12,500` in English (as Nyumba has always written them), the locale's
    /// own form otherwise (`Ksh 12,500` in Kiswahili).
    func money(_ amount: Int) -> String { language == .english ? Money.kes(amount) : format.money(amount) }

    /// A day as `5 Mar 2025` / `5 Mac 2025`.
    func day(_ day: CalendarDay) -> String { format.day(year: day.year, month: day.month, day: day.day) }

    /// A month as `March 2025` / `Machi 2025`.
    func month(year: Int, month: Int) -> String { format.month(year: year, month: month) }

    /// The words in this language; a key missing from the catalogue shows as itself, never blank
    /// (`CatalogueTests` checks that every key Swift names exists).
    func callAsFunction(_ words: Words) -> String {
        catalogue?.text(words.key, words.values.merging(words.amounts.mapValues(money)) { text, _ in text })
            ?? words.key
    }

    /// True when `key` is in the catalogue.
    func knows(_ key: String) -> Bool { catalogue?.text(key) != nil }

    /// A catalogue key without placeholders.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { self(Words(key, values)) }

    /// A request's problem (`HTTPError`'s code is its catalogue key), in words.
    func callAsFunction(_ error: HTTPError) -> String { self(Words(error.code, error.values)) }

    /// Each field's problem, in words.
    func callAsFunction(_ errors: FieldErrors) -> [String: String] { errors.problems.mapValues { self($0) } }
}

/// A value a view model carries for Swift's use that `TemplateValue` leaves out of what templates see.
protocol HiddenFromTemplates {}
