import Web

/// Which payments a dashboard's table (and its CSV) lists: the period, optionally one channel,
/// and on the all-properties view optionally one property.
struct PaymentsFilter: Sendable {
    static let pageSize = 25

    var period: DashboardPeriod
    var channel: PaymentChannel?
    /// Only on the all-properties view; the caller checks that it is the landlord's.
    var property: PropertyID?
    /// 1-based.
    var page: Int

    /// Reads `channel`, `property` and `page`; an unknown channel lists every channel.
    static func read(_ query: FormData, period: DashboardPeriod, allowsProperty: Bool) throws(HTTPError)
        -> PaymentsFilter
    {
        var property: PropertyID?
        if allowsProperty, let text = query["property"], !text.isEmpty {
            guard let id = PropertyID(segment: text) else { throw .notFound }
            property = id
        }
        let page = min(max(Int(query["page"] ?? "") ?? 1, 1), 10_000)
        return PaymentsFilter(
            period: period, channel: query["channel"].flatMap(PaymentChannel.init(rawValue:)), property: property,
            page: page)
    }

    /// The scope of the listed payments: a property filter narrows the all-properties view.
    func scope(within scope: DashboardScope) -> DashboardScope {
        if case .all = scope, let property { return .property(property) }
        return scope
    }

    /// The filter as query parameters (without the page), for links and exports.
    var query: String {
        var parts = [period.query]
        if let channel { parts.append("channel=\(channel.rawValue)") }
        if let property { parts.append("property=\(property)") }
        return parts.joined(separator: "&")
    }
}
