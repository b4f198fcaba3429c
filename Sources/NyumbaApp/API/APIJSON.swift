import Foundation
import Web

/// JSON responses of the API: snake_case keys, sorted, no escaped slashes.
enum APIJSON {
    /// Encodes `value` as the response body.
    static func response<T: Encodable>(_ value: T, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let body = (try? encoder.encode(value)).map(Array.init) ?? Array("null".utf8)
        return Response(status: status, contentType: "application/json", body: body)
    }

    /// `2026-11-25T06:30:57Z`: instants in UTC.
    static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// One page of a list, the same everywhere: `next_page` is null on the last page.
struct APIList<Item: Encodable>: Encodable {
    let items: [Item]
    let page: Int
    let perPage: Int
    let nextPage: Int?

    private enum CodingKeys: String, CodingKey {
        case items, page, perPage, nextPage
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(page, forKey: .page)
        try container.encode(perPage, forKey: .perPage)
        try container.encode(nextPage, forKey: .nextPage)
    }
}

/// `?page=1&per_page=50` (at most 100), read once for every list.
struct APIPage {
    let page: Int
    let perPage: Int

    static let defaultSize = 50
    static let largestSize = 100
    static let lastPage = 100_000

    var offset: Int { (page - 1) * perPage }

    /// Reads the paging of a query; 400 `validation_failed` for a value out of range.
    static func read(_ query: FormData) throws -> APIPage {
        var problems: [String: Words] = [:]
        var page = 1
        var perPage = defaultSize
        if let text = query["page"] {
            if let value = Int(text), (1...lastPage).contains(value) {
                page = value
            } else {
                problems["page"] = Words("form.whole_number", ["from": "1", "to": "\(lastPage)"])
            }
        }
        if let text = query["per_page"] {
            if let value = Int(text), (1...largestSize).contains(value) {
                perPage = value
            } else {
                problems["per_page"] = Words("form.whole_number", ["from": "1", "to": "\(largestSize)"])
            }
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return APIPage(page: page, perPage: perPage)
    }

    /// The page of rows fetched with `limit: perPage + 1` (the extra row says a next page exists).
    func list<Row, Item: Encodable>(fetched rows: [Row], _ transform: (Row) throws -> Item) rethrows -> APIList<Item> {
        APIList(
            items: try rows.prefix(perPage).map(transform), page: page, perPage: perPage,
            nextPage: rows.count > perPage ? page + 1 : nil)
    }

    /// The page of a list held whole in memory (short lists: properties, units, requests).
    func slice<Row, Item: Encodable>(_ rows: [Row], _ transform: (Row) throws -> Item) rethrows -> APIList<Item> {
        let start = min(offset, rows.count)
        return try list(fetched: Array(rows[start...].prefix(perPage + 1)), transform)
    }
}
