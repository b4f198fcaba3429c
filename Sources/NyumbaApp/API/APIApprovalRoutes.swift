import Web

/// Tenants waiting for the landlord's decision, and the decision itself, as on the notifications tab.
enum APIApprovalRoutes {
    /// A pending request.
    struct PendingTenant: Encodable {
        let id: Int64
        let status: String
        let tenantId: Int64
        let tenantName: String
        let tenantEmail: String
        let tenantPhone: String
        let propertyId: Int64
        let propertyName: String
        let requestedUnit: String?
        let createdAt: String

        init(_ request: TenancyRequest) {
            id = request.id.raw
            status = request.status
            tenantId = request.tenantID.raw
            tenantName = request.tenantName
            tenantEmail = request.tenantEmail
            tenantPhone = request.tenantPhone
            propertyId = request.propertyID.raw
            propertyName = request.propertyName
            requestedUnit = request.requestedUnit
            createdAt = APIJSON.instant(request.createdAt)
        }

        private enum CodingKeys: String, CodingKey {
            case id, status, tenantId, tenantName, tenantEmail, tenantPhone, propertyId, propertyName, requestedUnit
            case createdAt
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(status, forKey: .status)
            try c.encode(tenantId, forKey: .tenantId)
            try c.encode(tenantName, forKey: .tenantName)
            try c.encode(tenantEmail, forKey: .tenantEmail)
            try c.encode(tenantPhone, forKey: .tenantPhone)
            try c.encode(propertyId, forKey: .propertyId)
            try c.encode(propertyName, forKey: .propertyName)
            try c.encode(requestedUnit, forKey: .requestedUnit)
            try c.encode(createdAt, forKey: .createdAt)
        }
    }

    /// What a decision did.
    struct Decision: Encodable {
        let id: Int64
        let status: String
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/tenancy-requests", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            let pending = try ApprovalStore(db: context.db).pendingRequests(landlord: try caller.landlord())
            return APIJSON.response(page.slice(pending, PendingTenant.init))
        }
        router.api("POST", "/landlord/tenancy-requests/:id/approve", access: .landlord) { request, caller, context in
            let id = try requestID(request)
            let body = try APIBody(
                request,
                renaming: ["unit_id": "unit", "monthly_rent": "rent", "start_date": "start", "due_day": "dueDay"])
            let (outcome, typed) = try TenancyDecisions(context: context).approve(
                id, landlord: try caller.landlord(), form: body.form)
            return try answer(outcome, id: id, status: "approved", errors: body.fields(typed.errors))
        }
        router.api("POST", "/landlord/tenancy-requests/:id/reject", access: .landlord) { request, caller, context in
            let id = try requestID(request)
            let body = try APIBody(request)
            let (outcome, typed) = try TenancyDecisions(context: context).reject(
                id, landlord: try caller.landlord(), form: body.form)
            return try answer(outcome, id: id, status: "rejected", errors: body.fields(typed.errors))
        }
    }

    private static func requestID(_ request: Request) throws -> TenancyRequestID {
        guard let id = TenancyRequestID(segment: request.parameters["id"]) else { throw APIError.notFound }
        return id
    }

    private static func answer(
        _ outcome: TenancyDecisions.Outcome, id: TenancyRequestID, status: String, errors: [String: Words]
    ) throws -> Response {
        switch outcome {
        case .done: return APIJSON.response(Decision(id: id.raw, status: status))
        case .alreadyDecided(let was): throw APIError.conflict(Words("approval.already.\(was)"))
        case .invalid: throw APIError.validation(errors)
        }
    }
}
