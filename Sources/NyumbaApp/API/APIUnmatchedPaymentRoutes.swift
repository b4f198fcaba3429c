import Web

/// The landlord's paybill payments that matched no lease, as on `/landlord/payments/unmatched`:
/// list them, assign one to a lease, or mark it not rent.
enum APIUnmatchedPaymentRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/payments/unmatched", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            let rows = try C2BStore(db: context.db).unmatched(
                landlord: try caller.landlord(), offset: page.offset, limit: page.perPage + 1)
            return APIJSON.response(page.list(fetched: rows, APIUnmatchedPayment.init))
        }
        router.api("POST", "/landlord/payments/unmatched/:id/assign", access: .landlord) { request, caller, context in
            let id = try paymentID(request)
            let body = try APIBody(request)
            guard let lease = LeaseID(segment: body.form["lease_id"]) else {
                throw APIError.validation(["lease_id": Words("unmatched.choose_lease")])
            }
            guard
                try C2BPayments(
                    db: context.db, views: context.views, config: context.config, versions: context.versions
                )
                .assign(id, to: lease, landlord: try caller.landlord())
            else { throw APIError.notFound }
            return APIJSON.response(APIUnmatchedDecision(id: id, status: "assigned"))
        }
        router.api("POST", "/landlord/payments/unmatched/:id/not-rent", access: .landlord) {
            request, caller, context in
            let id = try paymentID(request)
            let body = try APIBody(request)
            var errors = FieldErrors()
            let note = Validate.text(body.form["note"], "note", limit: 500, into: &errors)
            guard errors.isEmpty, !note.isEmpty else {
                throw APIError.validation(["note": Words("unmatched.say_note")])
            }
            guard
                try C2BPayments(
                    db: context.db, views: context.views, config: context.config, versions: context.versions
                )
                .markNotRent(id, landlord: try caller.landlord(), note: note)
            else { throw APIError.notFound }
            return APIJSON.response(APIUnmatchedDecision(id: id, status: "not_rent"))
        }
    }

    private static func paymentID(_ request: Request) throws -> Int64 {
        guard let id = Int64(request.parameters["id"] ?? ""), id > 0 else { throw APIError.notFound }
        return id
    }
}

/// A paybill payment that matched no lease, with what M-Pesa told us.
struct APIUnmatchedPayment: Encodable {
    let id: Int64
    let receipt: String
    let amount: Int
    let paidAt: String
    /// The account number as the payer typed it.
    let account: String
    let payerName: String
    /// As M-Pesa gave it: `2547XXXXXXXX`, masked, or a SHA-256 hash.
    let msisdn: String
    let shortcode: String

    init(_ payment: UnmatchedPayment) {
        id = payment.id
        receipt = payment.transID
        amount = payment.amount
        paidAt = APIJSON.instant(payment.paidAt)
        account = payment.billRef
        payerName = payment.payerName
        msisdn = payment.msisdn
        shortcode = payment.shortcode
    }
}

/// What became of an unmatched payment.
struct APIUnmatchedDecision: Encodable {
    let id: Int64
    /// `assigned` or `not_rent`.
    let status: String
}
