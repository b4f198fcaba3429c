import Web

/// Printable receipts: a tenant sees their own payments' only, a landlord the payments made to them.
enum ReceiptRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/tenant/payments/:id/receipt", access: .tenant) { request, session, context in
            guard let tenant = session.user, let id = PaymentID(segment: request.parameters["id"]),
                let record = try LedgerStore(db: context.db).receipt(id, tenant: tenant.id)
            else { throw HTTPError.notFound }
            return try page(record, backLink: "/tenant", session, context)
        }
        router.page("GET", "/landlord/payments/:id/receipt", access: .landlord) { request, session, context in
            let landlord = try PropertyRoutes.landlordID(session)
            guard let id = PaymentID(segment: request.parameters["id"]),
                let record = try LedgerStore(db: context.db).receipt(id, landlord: landlord)
            else { throw HTTPError.notFound }
            return try page(record, backLink: "/landlord/leases/\(record.lease.id)", session, context)
        }
    }

    private static func page(
        _ record: ReceiptRecord, backLink: String, _ session: RequestSession, _ context: AppContext
    ) throws -> Response {
        let layout = try context.layout("Receipt NY-\(record.payment.id)", session)
        var page = ReceiptPage(layout: layout, record: record, backLink: backLink)
        if record.lease.isOpen {
            page.paybill = try PaybillInstructions(db: context.db, config: context.config)
                .words(lease: record.lease.id, landlord: record.lease.landlordID)
        }
        return context.page("ledger/receipt", page)
    }
}
