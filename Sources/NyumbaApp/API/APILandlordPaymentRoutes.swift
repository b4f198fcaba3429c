import Web

/// The landlord's payments, receipts, leases, cash or bank payments typed in by hand, and
/// ending a lease when the tenant moves out.
enum APILandlordPaymentRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/payments", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            var property: PropertyID?
            if let text = request.query["property_id"] {
                guard let id = PropertyID(segment: text) else {
                    throw APIError.validation(["property_id": Words("api.error.own_property")])
                }
                property = id
            }
            let lines = try LedgerStore(db: context.db).payments(
                landlord: try caller.landlord(), property: property, offset: page.offset, limit: page.perPage)
            return APIJSON.response(page.list(fetched: lines, APIPayment.init))
        }
        router.api("GET", "/landlord/payments/:id/receipt", access: .landlord) { request, caller, context in
            guard let id = PaymentID(segment: request.parameters["id"]),
                let record = try LedgerStore(db: context.db).receipt(id, landlord: try caller.landlord())
            else { throw APIError.notFound }
            return APIJSON.response(APIReceipt(record))
        }
        router.api("GET", "/landlord/leases/:id", access: .landlord) { request, caller, context in
            APIJSON.response(APILease(try lease(request, caller, context)))
        }
        router.api("POST", "/landlord/leases/:id/payments", access: .landlord) { request, caller, context in
            let lease = try lease(request, caller, context)
            let body = try APIBody(request)
            let today = CalendarDay.nairobi()
            let (typed, value) = ManualPaymentForm.read(body.form, leaseStart: lease.schedule.start, today: today)
            guard let value else { throw APIError.validation(body.fields(typed.errors)) }
            let id = try ManualPayments(context: context).record(
                value, lease: lease, today: today, key: request.headers["idempotency-key"])
            guard let record = try LedgerStore(db: context.db).receipt(id, landlord: lease.landlordID) else {
                throw APIError.notFound
            }
            return APIJSON.response(APIReceipt(record), status: 201)
        }
        router.api("POST", "/landlord/leases/:id/end", access: .landlord) { request, caller, context in
            let lease = try lease(request, caller, context)
            let body = try APIBody(request, renaming: ["end_date": "end"])
            let today = CalendarDay.nairobi()
            switch try LeaseEnding(context: context).end(lease, form: body.form, today: today) {
            case .ended(let ended): return APIJSON.response(APILease(ended, today: today))
            case .alreadyEnded: throw APIError.conflict("lease.already_ended")
            case .invalid(let typed): throw APIError.validation(body.fields(typed.errors))
            }
        }
    }

    /// The lease of the route's `:id`, if it is the caller's; otherwise 404.
    private static func lease(_ request: Request, _ caller: APICaller, _ context: AppContext) throws -> LeaseDetails {
        guard let id = LeaseID(segment: request.parameters["id"]),
            let lease = try LedgerStore(db: context.db).lease(id, landlord: try caller.landlord())
        else { throw APIError.notFound }
        return lease
    }
}
