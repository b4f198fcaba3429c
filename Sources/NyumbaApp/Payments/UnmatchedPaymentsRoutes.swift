import Daraja
import Web

/// The landlord's paybill payments that matched no lease (`/landlord/payments/unmatched`):
/// assign one to a lease (it then enters the ledger and the tenant gets a receipt) or mark
/// it not rent with a note. Only payments to the landlord's own paybill are theirs; those on
/// the deployment's shared shortcode are the operator's (`nyumba unmatched`).
enum UnmatchedPaymentsRoutes {
    static let path = "/landlord/payments/unmatched"

    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", path) { request, landlord, context in
            try listing(landlord, context, notice: notice(request, context))
        }
        router.landlord("POST", path + "/:id/assign") { request, landlord, context in
            guard let id = Int64(request.parameters["id"] ?? ""), id > 0 else { throw HTTPError.notFound }
            guard let lease = LeaseID(segment: try request.form()["lease"]) else {
                return try listing(landlord, context, error: context.say("unmatched.choose_lease"), status: 400)
            }
            guard
                try C2BPayments(
                    db: context.db, views: context.views, config: context.config, versions: context.versions
                )
                .assign(id, to: lease, landlord: landlord.id)
            else { throw HTTPError.notFound }
            return .redirect(to: path + "?done=assigned")
        }
        router.landlord("POST", path + "/:id/not-rent") { request, landlord, context in
            guard let id = Int64(request.parameters["id"] ?? ""), id > 0 else { throw HTTPError.notFound }
            var errors = FieldErrors()
            let note = Validate.text(try request.form()["note"], "note", limit: 500, into: &errors)
            guard errors.isEmpty, !note.isEmpty else {
                return try listing(landlord, context, error: context.say("unmatched.say_note"), status: 400)
            }
            guard
                try C2BPayments(
                    db: context.db, views: context.views, config: context.config, versions: context.versions
                )
                .markNotRent(id, landlord: landlord.id, note: note)
            else { throw HTTPError.notFound }
            return .redirect(to: path + "?done=not_rent")
        }
    }

    /// Fixed messages after a redirect, in the page's words; never text taken from the address.
    private static func notice(_ request: Request, _ context: AppContext) -> String? {
        guard let done = request.query["done"], ["assigned", "not_rent"].contains(done) else { return nil }
        return context.say("unmatched.done.\(done)")
    }

    private static func listing(
        _ signedIn: SignedInLandlord, _ context: AppContext, notice: String? = nil, error: String? = nil,
        status: Int = 200
    ) throws -> Response {
        let landlord = signedIn.id
        let store = C2BStore(db: context.db)
        let phones = try store.tenantPhones(landlord: landlord)
        let leases = try store.openLeases(landlord: landlord).map {
            UnmatchedPaymentsPage.LeaseChoice(
                id: String($0.id.raw),
                label: context.say("unmatched.lease", ["unit": $0.unit, "property": $0.property, "tenant": $0.tenant]))
        }
        let rows = try store.unmatched(landlord: landlord).map {
            UnmatchedPaymentsPage.Row($0, tenantPhones: phones, say: context.say)
        }
        let page = UnmatchedPaymentsPage(
            layout: try context.layout(signedIn, notice: notice), payments: rows,
            hasPayments: !rows.isEmpty, leases: leases, error: error)
        return context.page(.paymentsUnmatched, page, status: status)
    }
}

/// The view model of `payments/unmatched.mustache`.
struct UnmatchedPaymentsPage {
    /// One payment, with everything M-Pesa told us about it.
    struct Row {
        let id: String
        let receipt: String
        let amount: String
        let paidAt: String
        let account: String
        let payerName: String
        let phone: String
        /// The current tenant whose phone fits the payer's, if any.
        let phoneHint: String?

        init(_ payment: UnmatchedPayment, tenantPhones: [(name: String, phone: String)], say: Wording) {
            id = String(payment.id)
            receipt = payment.transID
            amount = say.money(payment.amount)
            paidAt = say.dateTime(payment.paidAt)
            account = payment.billRef.isEmpty ? say("unmatched.no_account") : payment.billRef
            payerName = payment.payerName
            let payer = C2BPayerPhone(payment.msisdn)
            switch payer {
            case .plain(let plain): phone = PhoneDisplay.local(plain)
            case .masked(let masked): phone = masked
            case .hashed: phone = say("unmatched.hidden_phone")
            }
            let fits = tenantPhones.filter { payer.matches($0.phone) }
            // A mask fits many numbers: name a tenant only when exactly one fits.
            phoneHint = fits.count == 1 ? say("unmatched.phone_hint", ["name": fits[0].name]) : nil
        }
    }

    /// A lease the payment may be assigned to.
    struct LeaseChoice {
        let id: String
        let label: String
    }

    let layout: Layout
    let payments: [Row]
    let hasPayments: Bool
    let leases: [LeaseChoice]
    let error: String?
}
