import Foundation
import XCTest

@testable import NyumbaApp

/// Template escaping, the rendered-page cache and the day parsing the dashboard's lease list uses.
final class RenderingCacheTests: XCTestCase {
    private func views(_ templates: [String: String]) throws -> Views {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in templates {
            let file = folder.appendingPathComponent(name + ".mustache")
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("po"), withIntermediateDirectories: true)
        for (language, words) in [("en", "Pay {amount} & go"), ("sw", "Lipa {amount} & uende")] {
            try "msgid \"pay\"\nmsgstr \"\(words)\"\n".write(
                to: folder.appendingPathComponent("po/\(language).po"), atomically: true, encoding: .utf8)
        }
        return try Views(directory: folder.path, required: Array(templates.keys))
    }

    func testCatalogueKeysBecomeTheWordsOfEachLanguageEscapedWithTheirPlaceholders() throws {
        let views = try views(["page": "<p>{{t:pay}}</p>", "emails/note": "{{%CONTENT_TYPE: TEXT}}{{t:pay}}"])
        let model = ["amount": "<KES 5>"]
        XCTAssertEqual(views.render(named: "page", model, in: .english), "<p>Pay &lt;KES 5&gt; &amp; go</p>")
        XCTAssertEqual(views.render(named: "page", model, in: .kiswahili), "<p>Lipa &lt;KES 5&gt; &amp; uende</p>")
        XCTAssertEqual(views.render(named: "emails/note", model, in: .kiswahili), "Lipa <KES 5> & uende")
        XCTAssertThrowsError(try self.views(["page": "{{t:nope}}"])) { error in
            XCTAssertTrue(String(describing: error).contains("nope"), "\(error)")
        }
    }

    func testPagesAndPartialsEscapeWhatSwiftMustacheEscapes() throws {
        let views = try views([
            "page": "<p>{{name}}</p>{{> part}}{{{raw}}}",
            "part": "<i title=\"{{name}}\">{{#items}}[{{.}}]{{/items}}</i>",
        ])
        let html = views.render(
            named: "page", ["name": "<script>alert('x')</script> & \"Wanjiru\"", "items": ["a<b", "ç"], "raw": "<b>"])
        XCTAssertEqual(
            html,
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Wanjiru&quot;</p>"
                + "<i title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Wanjiru&quot;\">"
                + "[a&lt;b][ç]</i><b>")
    }

    func testStartUpFailsWhenATemplateHasNoFile() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        XCTAssertNoThrow(try Views(directory: repository.path))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: repository, to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("ledger/receipt.mustache"))
        XCTAssertThrowsError(try Views(directory: folder.path)) { error in
            XCTAssertTrue(String(describing: error).contains("ledger/receipt"))
        }
    }

    func testTextTemplatesAreNotEscaped() throws {
        let views = try views(["emails/note": "{{%CONTENT_TYPE: TEXT}}Hello {{name}}"])
        XCTAssertEqual(views.render(named: "emails/note", ["name": "Tom & <Jerry>"]), "Hello Tom & <Jerry>")
    }

    func testPageCacheServesAVersionUntilItChanges() {
        let cache = PageCache(maxBytes: 1 << 20)
        var renders = 0
        func body(_ version: String) -> String {
            String(
                decoding: cache.body("k", version: version) {
                    renders += 1
                    return Array("render \(renders)".utf8)
                }, as: UTF8.self)
        }
        XCTAssertEqual(body("1"), "render 1")
        XCTAssertEqual(body("1"), "render 1")
        XCTAssertEqual(body("2"), "render 2")
        XCTAssertEqual(body("1"), "render 3", "an older version is never served again once replaced")
        XCTAssertEqual(renders, 3)
    }

    func testPageCacheStaysWithinItsBytesDroppingTheOldest() {
        let cache = PageCache(maxBytes: 64 << 10)
        for n in 0..<200 {
            _ = cache.body("page \(n)", version: "v") { Array(repeating: 65, count: 4 << 10) }
        }
        var renders = 0
        _ = cache.body("page 0", version: "v") {
            renders += 1
            return []
        }
        XCTAssertEqual(renders, 1, "200 pages of 4 KB do not fit in 64 KB: the first was dropped")
        _ = cache.body("page 199", version: "v") {
            renders += 1
            return []
        }
        XCTAssertEqual(renders, 1, "the newest page is kept")
        XCTAssertLessThanOrEqual(cache.storedBytes, 64 << 10)
    }

    func testAFailedRenderIsNotCached() {
        struct Failure: Error {}
        let cache = PageCache(maxBytes: 1 << 20)
        XCTAssertThrowsError(try cache.body("k", version: "1") { throw Failure() })
        XCTAssertEqual(cache.body("k", version: "1") { Array("ok".utf8) }, Array("ok".utf8))
    }

    func testDateColumnsParseWithoutACalendar() {
        XCTAssertEqual(CalendarDay(sqlDate: "2026-02-28"), CalendarDay(2026, 2, 28))
        XCTAssertEqual(CalendarDay(sqlDate: "2024-12-01 00:00:00"), CalendarDay(2024, 12, 1))
        XCTAssertNil(CalendarDay(sqlDate: "2026-13-01"))
        XCTAssertNil(CalendarDay(sqlDate: "20x6-01-01"))
        XCTAssertNil(CalendarDay(sqlDate: "2026-01"))
        XCTAssertEqual(CalendarDay(number: 20_260_131), CalendarDay(2026, 1, 31), "`date_column + 0` in SQL")
    }

    func testLeaseGroupsSumRentAndTodaysArrearsOfOpenLeases() {
        let today = CalendarDay(2026, 3, 10)
        func lease(_ id: Int64, start: CalendarDay, end: CalendarDay? = nil, paid: Int) -> LeaseStanding {
            LeaseStanding(
                id: id,
                account: LeaseAccount(
                    schedule: RentSchedule(monthlyRent: 10_000, dueDay: 5, start: start, end: end), charged: 0,
                    paid: paid))
        }
        let start = CalendarDay(2026, 1, 1)
        let groups = LeaseGroup.grouping(
            [
                lease(1, start: start, paid: 30_000),  // paid up (3 due days: Jan, Feb, Mar 5th)
                lease(2, start: start, paid: 10_000),  // owes 20,000
                lease(3, start: start, end: CalendarDay(2026, 2, 1), paid: 0),  // ended: not arrears
            ], today: today)
        XCTAssertEqual(groups.count, 2)
        let open = groups.first { $0.end == nil }!
        XCTAssertEqual(open.rent, 20_000)
        XCTAssertEqual(open.openLeases, 2)
        XCTAssertEqual(open.arrears, 20_000)
        XCTAssertEqual(open.inArrears, 1)
        let ended = groups.first { $0.end != nil }!
        XCTAssertEqual(ended.openLeases, 0)
        XCTAssertEqual(ended.arrears, 0)
    }
}
