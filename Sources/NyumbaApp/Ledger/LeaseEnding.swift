import Web

/// Ends a lease when the tenant moves out, for the lease page and the API alike: the end
/// date checked, the lease closed (its history stays) and the tenant emailed, together.
struct LeaseEnding {
    /// What came of one attempt.
    enum Outcome {
        case ended(LeaseDetails)
        case alreadyEnded
        case invalid(EndLeaseForm)
    }

    let context: AppContext

    /// Ends `lease` (already checked to be the landlord's) on the form's `end` day.
    func end(_ lease: LeaseDetails, form: FormData, today: CalendarDay) throws -> Outcome {
        guard lease.isOpen else { return .alreadyEnded }
        let (typed, day) = EndLeaseForm.read(form, leaseStart: lease.schedule.start, today: today)
        guard let day else { return .invalid(typed) }
        let store = LedgerStore(db: context.db)
        let ended: LeaseDetails? = try LockConflictRetry.transaction(context.db) {
            guard try store.endLease(lease.id, landlord: lease.landlordID, on: day, versions: context.versions),
                let updated = try store.lease(lease.id, landlord: lease.landlordID)
            else { return nil }
            try context.notifier.send(LedgerNotices(config: context.config).leaseEnded(updated, today: today))
            return updated
        }
        guard let ended else { return .alreadyEnded }
        context.authCache.invalidate(lease.tenantID)
        return .ended(ended)
    }
}
