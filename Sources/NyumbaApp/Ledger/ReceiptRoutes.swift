import Web

/// Printable receipts: a tenant sees their own payments' only, a landlord the payments made to them.
enum ReceiptRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.tenant("GET", "/tenant/payments/:id/receipt") { request, tenant, context in
            guard let id = PaymentID(segment: request.parameters["id"]),
                let record = try LedgerStore(db: context.db).receipt(id, tenant: tenant.id)
            else { throw HTTPError.notFound }
            return try page(record, backLink: "/tenant", tenant.session, context)
        }
        router.landlord("GET", "/landlord/payments/:id/receipt") { request, landlord, context in
            guard let id = PaymentID(segment: request.parameters["id"]),
                let record = try LedgerStore(db: context.db).receipt(id, landlord: landlord.id)
            else { throw HTTPError.notFound }
            return try page(record, backLink: "/landlord/leases/\(record.lease.id)", landlord.session, context)
        }
    }

    private static func page(
        _ record: ReceiptRecord, backLink: String, _ session: RequestSession, _ context: AppContext
    ) throws -> Response {
        let layout = try context.layout(session)
        var page = ReceiptPage(layout: layout, record: record, backLink: backLink)
        if record.lease.isOpen {
            page.paybill = try PaybillInstructions(db: context.db, config: context.config)
                .words(lease: record.lease.id, landlord: record.lease.landlordID, say: context.say)
        }
        return context.page(.ledgerReceipt, page)
    }
}
