import Foundation
import Web

/// A landlord's charges and credits on one of their leases: the list, adding one, reversing one
/// (a charge is never edited: a credit with a reason takes it off).
enum ChargeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/leases/:id/charges") { request, landlord, context in
            let lease = try LeaseRoutes.lookUpLease(request, landlord, context)
            return try page(lease, landlord, context, notice: notice(request).map { context.say($0) })
        }
        router.landlord("POST", "/landlord/leases/:id/charges", add)
        router.landlord("POST", "/landlord/leases/:id/charges/:chargeId/reverse", reverse)
        router.landlord("POST", "/landlord/leases/:id/deposit", settleDeposit)
    }

    /// The catalogue key of a fixed message after a redirect; never text taken from the address.
    private static func notice(_ request: Request) -> String? {
        switch request.query["done"] {
        case "added": "chg.done.added"
        case "reversed": "chg.done.reversed"
        case "settled": "chg.done.settled"
        default: nil
        }
    }

    private static func page(
        _ lease: LeaseDetails, _ landlord: SignedInLandlord, _ context: AppContext, form: ChargeForm = ChargeForm(),
        reversalErrors: FieldErrors = FieldErrors(), depositForm: DepositForm = DepositForm(), notice: String? = nil,
        status: Int = 200
    ) throws -> Response {
        let lines = try ChargeStore(db: context.db).lines(lease: lease.id)
        let deposit = try Deposits(db: context.db, versions: context.versions).standing(lease)
        let layout = try context.layout(landlord, notice: notice)
        let model = ChargesPage(
            layout: layout, lease: lease, lines: lines, form: form, reversalErrors: reversalErrors, deposit: deposit,
            depositForm: depositForm, today: .nairobi())
        return context.page(.chargesLease, model, status: status)
    }

    private static func add(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let lease = try LeaseRoutes.lookUpLease(request, landlord, context)
        let (typed, value) = ChargeForm.read(try request.form(), leaseStart: lease.schedule.start, today: .nairobi())
        guard let value else { return try page(lease, landlord, context, form: typed, status: 400) }
        var charge = NewCharge(
            lease: lease, kind: value.kind, amount: value.amount, dueOn: value.day, description: value.description,
            reason: value.reason)
        charge.createdBy = landlord.id
        // The form's one-time key claims the charge: sent twice (a double click, a retried post), it adds one.
        charge.claimKey = typed.key.map { "form:\($0)" }
        try ChargeStore(db: context.db).add(charge, versions: context.versions)
        return .redirect(to: "/landlord/leases/\(lease.id)/charges?done=added")
    }

    private static func reverse(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let lease = try LeaseRoutes.lookUpLease(request, landlord, context)
        let store = ChargeStore(db: context.db)
        guard let id = ChargeID(segment: request.parameters["chargeId"]),
            let charge = try store.charge(id, lease: lease.id)
        else { throw HTTPError.notFound }
        let (reason, errors) = ReversalForm.read(try request.form())
        guard let reason else { return try page(lease, landlord, context, reversalErrors: errors, status: 400) }
        switch try ChargeReversal(store: store, versions: context.versions).reverse(
            charge, of: lease, reason: reason, by: landlord.id, today: .nairobi())
        {
        case .reversed: return .redirect(to: "/landlord/leases/\(lease.id)/charges?done=reversed")
        case .nothingLeft:
            var refused = FieldErrors()
            refused.add("reason", "chg.already_reversed")
            return try page(lease, landlord, context, reversalErrors: refused, status: 409)
        }
    }

    private static func settleDeposit(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let lease = try LeaseRoutes.lookUpLease(request, landlord, context)
        var (typed, value) = DepositForm.read(try request.form())
        guard let value else { return try page(lease, landlord, context, depositForm: typed, status: 400) }
        let deposits = Deposits(db: context.db, versions: context.versions)
        switch try deposits.settle(
            lease, refunded: value.refunded, kept: value.kept, reason: value.reason, by: landlord.id, today: .nairobi())
        {
        case .settled: return .redirect(to: "/landlord/leases/\(lease.id)/charges?done=settled")
        case .invalid(let message, let field):
            typed.errors.add(field, message)
            return try page(lease, landlord, context, depositForm: typed, status: 400)
        case .refused(let message):
            typed.errors.add("refunded", message)
            return try page(lease, landlord, context, depositForm: typed, status: 409)
        }
    }
}
