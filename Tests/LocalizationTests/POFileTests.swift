import XCTest

@testable import Localization

final class POFileTests: XCTestCase {
    func testReadsEntriesHeaderContinuationsAndEscapes() throws {
        let file = try POFile(
            parsing: """
                # a comment
                msgid ""
                msgstr ""
                "Language: sw\\n"

                #. English: Pay
                msgid "pay.button"
                msgstr "Lipa"

                #, fuzzy
                msgid "pay.help"
                msgstr "Line one "
                "and \\"two\\"\\n"
                """, name: "t.po")
        XCTAssertEqual(file.header["Language"], "sw")
        XCTAssertEqual(file.entries.map(\.key), ["pay.button", "pay.help"])
        XCTAssertEqual(file.entries[1].text, "Line one and \"two\"\n")
        XCTAssertTrue(file.entries[1].isFuzzy)
        XCTAssertFalse(file.entries[0].isFuzzy)
    }

    func testRefusesWhatItWouldMisread() {
        for (text, reason) in [
            ("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"c\"", "plural"),
            ("msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"", "twice"),
            ("msgid \"a\"", "without msgstr"),
            ("msgid \"a\"\nmsgstr \"bad \\q\"", "escape"),
            ("msgid \"a\nmsgstr \"x\"", "quoted"),
        ] {
            XCTAssertThrowsError(try POFile(parsing: text, name: "t.po"), reason) { error in
                XCTAssertTrue(String(describing: error).hasPrefix("t.po:"), "\(error)")
            }
        }
    }

    func testCatalogFillsPlaceholdersAndListsThem() throws {
        let file = try POFile(
            parsing: "msgid \"k\"\nmsgstr \"Lipa {amount} kwa {account.number}, {not a name}\"", name: "t")
        let catalog = try Catalog(language: "sw", file: file)
        XCTAssertEqual(
            catalog.text("k", ["amount": "Ksh 5", "account.number": "KBC7"]), "Lipa Ksh 5 kwa KBC7, {not a name}")
        XCTAssertEqual(Catalog.placeholders(in: catalog.text("k")!), ["account.number", "amount"])
        XCTAssertNil(catalog.text("missing", [:]))
    }

    func testCatalogRefusesAnEmptyTranslation() throws {
        let file = try POFile(parsing: "msgid \"k\"\nmsgstr \"\"", name: "t")
        XCTAssertThrowsError(try Catalog(language: "sw", file: file))
    }

    func testAcceptLanguagePicksTheHighestWeightWeSpeak() {
        let supported = ["en", "sw"]
        XCTAssertEqual(LanguagePreference.best(from: "sw-KE,sw;q=0.9,en;q=0.8", supported: supported), "sw")
        XCTAssertEqual(LanguagePreference.best(from: "fr-FR, en;q=0.5, sw;q=0.7", supported: supported), "sw")
        XCTAssertEqual(LanguagePreference.best(from: "en-GB,en;q=0.9", supported: supported), "en")
        XCTAssertNil(LanguagePreference.best(from: "fr, de;q=0.5", supported: supported))
        XCTAssertNil(LanguagePreference.best(from: "sw;q=0", supported: supported))
        XCTAssertNil(LanguagePreference.best(from: nil, supported: supported))
        XCTAssertEqual(LanguagePreference.best(from: "*;q=0.1, SW", supported: supported), "sw")
    }
}

final class LocaleFormatTests: XCTestCase {
    /// What Foundation's CLDR data (ICU 76, Swift 6.3) gives for Kenya; see the research file's §4.1.
    func testKiswahiliAndEnglishOfKenya() {
        let sw = LocaleFormat(locale: "sw_KE", currency: "KES")
        XCTAssertEqual(sw.money(12_500), "Ksh\u{a0}12,500")
        XCTAssertEqual(sw.money(-750), "-Ksh\u{a0}750")
        XCTAssertEqual(sw.day(year: 2025, month: 3, day: 5, wide: true), "5 Machi 2025")
        XCTAssertEqual(sw.day(year: 2026, month: 12, day: 31), "31 Des 2026")
        XCTAssertEqual(sw.month(year: 2027, month: 2), "Februari 2027")
        let en = LocaleFormat(locale: "en_KE", currency: "KES")
        XCTAssertEqual(en.day(year: 2025, month: 3, day: 5), "5 Mar 2025")
        XCTAssertEqual(en.month(year: 2025, month: 8), "August 2025")
    }
}
