import Web

/// Approves or rejects a tenant's request, for the notifications page and the API alike:
/// one locked transaction, the lease, the account status, the email, the cache.
struct TenancyDecisions {
    /// What came of a decision, decided inside its transaction.
    enum Outcome {
        case done(TenancyRequest)
        case alreadyDecided(String)
        /// The fields had errors (in the returned form); nothing changed.
        case invalid
    }

    let context: AppContext

    /// Approves the landlord's pending request on the terms typed; 404 for another landlord's.
    func approve(_ id: TenancyRequestID, landlord: UserID, form: FormData) throws -> (Outcome, ApproveForm) {
        var (typed, terms) = ApproveForm.read(form)
        let store = ApprovalStore(db: context.db)
        let outcome: Outcome = try context.db.transaction {
            guard let tenancy = try store.lockRequest(id, landlord: landlord) else { throw HTTPError.notFound }
            guard tenancy.status == "pending" else { return .alreadyDecided(tenancy.status) }
            guard let terms else { return .invalid }
            guard let unit = try store.lockUnit(terms.unit, property: tenancy.propertyID) else {
                typed.errors.add("unit", "approval.unit_of_property")
                return .invalid
            }
            guard unit.isVacant else {
                typed.errors.add("unit", "approval.unit_occupied", ["unit": unit.label])
                return .invalid
            }
            let lease = try store.createLease(terms, request: tenancy, landlord: landlord, versions: context.versions)
            try Deposits(db: context.db, versions: context.versions).chargeAtApproval(
                lease: lease, terms: terms, request: tenancy, landlord: landlord, today: .nairobi())
            try store.decide(id, landlord: landlord, approved: true, reason: nil, versions: context.versions)
            try AccountStore(db: context.db).setStatus(.active, for: tenancy.tenantID)
            try context.notifier.send(
                TenantApproved.notice(tenancy, unit: unit, terms: terms, landlord: landlord, context.config))
            return .done(tenancy)
        }
        if case .done(let tenancy) = outcome { context.authCache.invalidate(tenancy.tenantID) }
        return (outcome, typed)
    }

    /// Rejects the landlord's pending request with an optional reason; 404 for another landlord's.
    func reject(_ id: TenancyRequestID, landlord: UserID, form: FormData) throws -> (Outcome, RejectForm) {
        let (typed, reason, valid) = RejectForm.read(form)
        let store = ApprovalStore(db: context.db)
        let outcome: Outcome = try context.db.transaction {
            guard let tenancy = try store.lockRequest(id, landlord: landlord) else { throw HTTPError.notFound }
            guard tenancy.status == "pending" else { return .alreadyDecided(tenancy.status) }
            guard valid else { return .invalid }
            try store.decide(id, landlord: landlord, approved: false, reason: reason, versions: context.versions)
            try AccountStore(db: context.db).setStatus(.rejected, for: tenancy.tenantID)
            try context.notifier.send(TenantRejected.notice(tenancy, reason: reason, landlord: landlord))
            return .done(tenancy)
        }
        if case .done(let tenancy) = outcome { context.authCache.invalidate(tenancy.tenantID) }
        return (outcome, typed)
    }
}
