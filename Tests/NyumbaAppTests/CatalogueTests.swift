import Foundation
import Localization
import XCTest

@testable import NyumbaApp

/// The catalogues in `templates/po`: both languages say everything, with the same placeholders;
/// every key the templates and Swift ask for exists; and no template (page, email, SMS or notification) that has been
/// translated keeps words outside the catalogue.
final class CatalogueTests: XCTestCase {
    static let templates = AppHarness.repository.appendingPathComponent("templates")

    private func catalogue(_ language: Language) throws -> Catalog {
        try Catalog(directory: Language.catalogueDirectory(templates: Self.templates.path), language: language.rawValue)
    }

    func testBothLanguagesHaveEveryKeyWithTheSamePlaceholders() throws {
        let english = try catalogue(.english)
        let kiswahili = try catalogue(.kiswahili)
        XCTAssertEqual(Set(english.keys).subtracting(kiswahili.keys), [], "keys missing from sw.po")
        XCTAssertEqual(Set(kiswahili.keys).subtracting(english.keys), [], "keys missing from en.po")
        for key in english.keys {
            XCTAssertEqual(
                Catalog.placeholders(in: english.text(key)!), Catalog.placeholders(in: kiswahili.text(key) ?? ""),
                "placeholders of \(key)")
        }
        XCTAssertEqual(english.text("language.code"), "en")
        XCTAssertEqual(kiswahili.text("language.code"), "sw")
    }

    /// Where Swift names a key: `Words("key"`, `say("key"`, `text("key"`, `errors.add(field, "key"`.
    static let keyReferences = try! NSRegularExpression(
        pattern: #"(?:Words|say|text|words)\("([a-z0-9_.]+)"|errors\.add\([^,()]+, "([a-z0-9_.]+)""#)

    /// Keys Swift asks for by name (`text("…")`, and the error titles by status).
    func testEveryKeySwiftAsksForExists() throws {
        let english = try catalogue(.english)
        var asked = ErrorPage.titledStatuses.map { "error.title.\($0)" } + ["error.title.other"]
        let sources = AppHarness.repository.appendingPathComponent("Sources/NyumbaApp")
        let files = FileManager.default.enumerator(atPath: sources.path)!
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in Self.keyReferences.matches(in: text, range: range) {
                for group in 1...2 {
                    guard let key = Range(match.range(at: group), in: text) else { continue }
                    asked.append(String(text[key]))
                }
            }
        }
        XCTAssertGreaterThan(asked.count, 50, "the scan found the keys Swift asks for")
        for key in asked { XCTAssertNotNil(english.text(key), "Swift asks for \(key), which en.po lacks") }
    }

    /// Every page template loads in both languages, and a Kiswahili page says so in `<html lang>`.
    func testEveryTemplateLoadsInBothLanguages() throws {
        let views = try Views(directory: Self.templates.path)
        let page = views.render(.accountsLogin, ["layout": ["csrf": "x"]], in: .kiswahili)
        XCTAssertTrue(page.contains("<html lang=\"sw\">"))
        XCTAssertTrue(page.contains("data-language-switch"))
        XCTAssertTrue(views.render(.accountsLogin, [:], in: .english).contains("<html lang=\"en\">"))
    }

    /// Templates whose words are not in the catalogue yet. A template leaves this list when it is
    /// translated, and this test fails when a translated template gains a word outside the
    /// catalogue — or when a listed one no longer has any (take it off the list).
    static let notYetTranslated: Set<String> = []

    /// Words a page may show in any language: the product's and M-Pesa's names, the names of the
    /// languages on the switch, and the examples in placeholders.
    static let wordsOfEveryLanguage: Set<String> = ["Nyumba", "M-Pesa", "English", "Kiswahili"]

    func testTranslatedTemplatesHaveNoWordsOutsideTheCatalogue() throws {
        let files = FileManager.default.enumerator(atPath: Self.templates.path)!
        var checked = 0
        for case let file as String in files where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOf: Self.templates.appendingPathComponent(file), encoding: .utf8)
            let words = Self.visibleWords(text).filter { !Self.wordsOfEveryLanguage.contains($0) }
            if Self.notYetTranslated.contains(name) {
                XCTAssertFalse(words.isEmpty, "\(name) is translated: take it off notYetTranslated")
            } else {
                XCTAssertEqual(words, [], "\(name) shows words that are not in the catalogue")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 60)
    }

    /// The words of a template outside Mustache tags, HTML tags and entities.
    static func visibleWords(_ template: String) -> [String] {
        var text = template
        for (open, close) in [("{{", "}}"), ("<", ">")] {
            var kept = ""
            var rest = text[...]
            while let start = rest.range(of: open) {
                kept += rest[..<start.lowerBound] + " "
                guard let end = rest[start.upperBound...].range(of: close) else {
                    rest = ""
                    break
                }
                rest = rest[end.upperBound...]
            }
            text = kept + rest
        }
        return text.split(whereSeparator: { $0.isWhitespace || ".,;:·?!()".contains($0) })
            .map(String.init).filter { word in word.contains(where: \.isLetter) && !word.hasPrefix("&") }
    }
}

/// Money and days in each language.
final class WordingTests: XCTestCase {
    func testEnglishKeepsItsFiguresAndKiswahiliUsesTheLocale() throws {
        let views = try Views(directory: CatalogueTests.templates.path)
        let english = views.wording(.english)
        let kiswahili = views.wording(.kiswahili)
        XCTAssertEqual(english.money(12_500), "KES 12,500")
        XCTAssertEqual(kiswahili.money(12_500), "Ksh\u{a0}12,500")
        // Sums of money inside words take the reader's form too.
        let held = Words("deposit.must_add_up", amounts: ["held": 20_000])
        XCTAssertTrue(english(held).hasSuffix("the deposit held, KES 20,000."), english(held))
        XCTAssertTrue(kiswahili(held).hasSuffix("iliyoshikiliwa, Ksh\u{a0}20,000."), kiswahili(held))
        for month in 1...12 {
            let day = CalendarDay(2026, month, 28 - month)
            XCTAssertEqual(english.day(day), LedgerText.day(day), "English days read as they always have")
        }
        XCTAssertEqual(kiswahili.day(CalendarDay(2026, 12, 31)), "31 Des 2026")
        // New Year's Eve 23:59 in Nairobi is 20:59 UTC; 21:00 UTC is already 1 January.
        for seconds in [1_798_750_740, 1_798_750_800, 1_772_323_200, 1_709_164_800] {
            let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
            XCTAssertEqual(english.dateTime(instant), NairobiTime.dateTime(instant))
        }
        XCTAssertEqual(kiswahili.dateTime(Date(timeIntervalSince1970: 1_798_750_740)), "31 Des 2026, 23:59")
        XCTAssertEqual(kiswahili.month(year: 2027, month: 2), "Februari 2027")
        XCTAssertEqual(
            kiswahili(Words("form.whole_number", ["from": "1", "to": "28"])), "Weka namba kamili kuanzia 1 hadi 28.")
    }
}
