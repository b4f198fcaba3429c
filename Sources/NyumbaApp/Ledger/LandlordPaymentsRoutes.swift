import Web

/// The landlord's list of payments received, newest first, a page at a time.
enum LandlordPaymentsRoutes {
    static let pageSize = 50

    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/payments") { request, landlord, context in
            let property = PropertyID(segment: request.query["property"])
            let page = min(max(Int(request.query["page"] ?? "") ?? 1, 1), 10_000)
            var lines = try LedgerStore(db: context.db).payments(
                landlord: landlord.id, property: property, offset: (page - 1) * pageSize, limit: pageSize)
            let hasNext = lines.count > pageSize
            lines = Array(lines.prefix(pageSize))
            let filter = property.map { "property=\($0)&" } ?? ""
            let properties = try PropertyStore(db: context.db).summaries(landlord: landlord.id).map {
                LandlordPaymentsPage.PropertyChoice(id: $0.id.description, name: $0.name, selected: $0.id == property)
            }
            let rows = lines.map { PaymentRow($0, receiptBase: "/landlord/payments", say: context.say) }
            var model = LandlordPaymentsPage(
                layout: try context.layout(landlord), properties: properties, payments: rows,
                hasPayments: !rows.isEmpty, page: page,
                previousLink: page > 1 ? "/landlord/payments?\(filter)page=\(page - 1)" : nil,
                nextLink: hasNext ? "/landlord/payments?\(filter)page=\(page + 1)" : nil)
            if page == 1 {
                model.toCheck = try PaymentRequestStore(db: context.db).requestsToCheck(landlord: landlord.id)
                    .map { PaymentToCheckRow($0, say: context.say) }
                model.hasToCheck = !model.toCheck.isEmpty
                model.unmatchedCount = try C2BStore(db: context.db).unmatchedCount(landlord: landlord.id)
                model.hasUnmatched = model.unmatchedCount > 0
            }
            return context.page(.ledgerPayments, model)
        }
    }
}
