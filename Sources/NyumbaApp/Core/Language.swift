import Localization
import Web

/// The languages Nyumba speaks. A person's choice is kept on their account and in the `lang`
/// cookie; without one, the browser's `Accept-Language` decides, else English.
enum Language: String, CaseIterable, Sendable {
    case english = "en"
    case kiswahili = "sw"

    /// How the language writes money and dates (Foundation's CLDR data for Kenya), read once.
    var format: LocaleFormat { Self.formats[self]! }
    private static let formats: [Language: LocaleFormat] = [
        .english: LocaleFormat(locale: "en_KE", currency: "KES"),
        .kiswahili: LocaleFormat(locale: "sw_KE", currency: "KES"),
    ]

    /// The cookie that carries the choice made on a page (the switch, sign-up, the account page).
    static let cookieName = "lang"

    /// The language to answer `request` in.
    static func of(_ request: Request) -> Language {
        if let chosen = request.cookies[cookieName].flatMap(Language.init(rawValue:)) { return chosen }
        let supported = allCases.map(\.rawValue)
        return LanguagePreference.best(from: request.headers["accept-language"], supported: supported)
            .flatMap(Language.init(rawValue:)) ?? .english
    }

    /// The language a form chose in its `language` field, if it names one we speak.
    static func chosen(in form: FormData) -> Language? { form["language"].flatMap(Language.init(rawValue:)) }

    /// The folder of the catalogues (`<language>.po`), inside the templates folder.
    static func catalogueDirectory(templates: String) -> String { templates + "/po" }
}
