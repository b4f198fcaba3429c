import XCTest

@testable import SMS

final class SMSSegmentsTests: XCTestCase {
    private func check(
        _ text: String, _ encoding: SMSEncoding, units: Int, count: Int, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let segments = SMSSegments(text)
        XCTAssertEqual(segments.encoding, encoding, "encoding", file: file, line: line)
        XCTAssertEqual(segments.units, units, "units", file: file, line: line)
        XCTAssertEqual(segments.count, count, "count", file: file, line: line)
    }

    func testTheAlphabetHas127CharactersAnd10Extensions() {
        XCTAssertEqual(GSM7.basic.count, 127)
        XCTAssertEqual(GSM7.extended.count, 10)
        XCTAssertTrue(GSM7.basic.isDisjoint(with: GSM7.extended))
    }

    func testEmptyTextIsNoPart() {
        check("", .gsm7, units: 0, count: 0)
    }

    func testGSM7SingleAndSplitBoundaries() {
        check(String(repeating: "a", count: 160), .gsm7, units: 160, count: 1)
        check(String(repeating: "a", count: 161), .gsm7, units: 161, count: 2)
        check(String(repeating: "a", count: 306), .gsm7, units: 306, count: 2)
        check(String(repeating: "a", count: 307), .gsm7, units: 307, count: 3)
    }

    func testExtensionCharactersCountTwo() {
        check("€", .gsm7, units: 2, count: 1)
        check("{[~]}|^\\", .gsm7, units: 16, count: 1)
        check(String(repeating: "a", count: 158) + "€", .gsm7, units: 160, count: 1)
        check(String(repeating: "a", count: 159) + "€", .gsm7, units: 161, count: 2)
    }

    func testAnEscapePairIsNeverSplitAcrossParts() {
        // 152 + 2 + 152 = 306 septets would fit two parts, but the pair moves whole into part 2.
        check(
            String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152), .gsm7, units: 306, count: 3)
    }

    func testKiswahiliTextIsGSM7() {
        let text = "Habari Amina, tumepokea malipo ya kodi Ksh 12,500 (risiti QWE123RTY). Salio: Ksh 0. Asante!"
        check(text, .gsm7, units: text.unicodeScalars.count, count: 1)
        let letters = "Mpangaji: ÄÖÑÜ äöñüà èéùìò Ç Øø Åå ÆæßÉ £¥§¿¡¤@$_"
        check(letters, .gsm7, units: letters.unicodeScalars.count, count: 1)
    }

    func testLineBreaksCountPerScalar() {
        // "\r\n" is one Character in Swift but two septets on the air.
        check("a\r\nb", .gsm7, units: 4, count: 1)
    }

    func testCurlyQuotesDashesAndEllipsisForceUCS2() {
        check("Asante \u{2019}", .ucs2, units: 8, count: 1)
        check("\u{201C}kodi\u{201D}", .ucs2, units: 6, count: 1)
        check("Mei \u{2013} Juni\u{2026}", .ucs2, units: 11, count: 1)
        check("ç", .ucs2, units: 1, count: 1)  // only the capital Ç is in the GSM alphabet
    }

    func testUCS2Boundaries() {
        let quote = "\u{2019}"
        check(quote + String(repeating: "a", count: 69), .ucs2, units: 70, count: 1)
        check(quote + String(repeating: "a", count: 70), .ucs2, units: 71, count: 2)
        check(quote + String(repeating: "a", count: 133), .ucs2, units: 134, count: 2)
        check(quote + String(repeating: "a", count: 134), .ucs2, units: 135, count: 3)
    }

    func testEmojiTakeTwoUnitsAndAreNotSplit() {
        check("👍", .ucs2, units: 2, count: 1)
        check("Asante 🙏🏾", .ucs2, units: 11, count: 1)
        // 66 units then a surrogate pair: the pair goes whole into part 2.
        check(String(repeating: "a", count: 66) + "😀" + String(repeating: "a", count: 66), .ucs2, units: 134, count: 3)
    }

    func testLatinLettersInAndOutOfTheAlphabet() {
        // Latin-1 is read from a table: each of these is in the alphabet, one septet…
        check("£¥èéùìòÇØøÅåÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", .gsm7, units: 29, count: 1)
        // …these are reached through the escape, two septets…
        check("\u{0C}^{}\\[~]|", .gsm7, units: 18, count: 1)
        // …and these have no GSM-7 form: á, the non-breaking space, the backtick, DEL.
        for other in ["á", "\u{A0}", "`", "\u{7F}"] { check("Kodi " + other, .ucs2, units: 6, count: 1) }
    }

    func testOneForeignCharacterTurnsTheWholeTextIntoUCS2() {
        let text = String(repeating: "a", count: 100) + "€" + "\u{2019}"
        check(text, .ucs2, units: 102, count: 2)
    }
}

final class SMSPlainTextTests: XCTestCase {
    func testTypographicCharactersBecomeTheirGSM7Forms() {
        let typed = "Wanjiru\u{2019}s \u{201C}Court\u{201D} \u{2013} A1\u{2026}\u{00A0}ok"
        XCTAssertEqual(SMSSegments(typed).encoding, .ucs2)
        let plain = SMSSegments.plain(typed)
        XCTAssertEqual(plain, "Wanjiru's \"Court\" - A1... ok")
        XCTAssertEqual(SMSSegments(plain).encoding, .gsm7)
    }

    func testOtherTextIsKeptAsItIs() {
        for text in ["Kodi KES 12,500", "Ñandú 😀", ""] { XCTAssertEqual(SMSSegments.plain(text), text) }
    }
}
