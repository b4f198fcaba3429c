import MariaDB

/// The ledger part of the tenant's home: balance, next due date, pay link and their own
/// payments (of every lease they have had, never anyone else's).
struct TenantLedgerView {
    /// A lease's standing.
    struct Standing {
        let title: String
        let balance: String
        let owes: Bool
        let inCredit: Bool
        let rent: String
        let nextDue: String?
        let endedOn: String?
        /// The lease's statement of account (print, PDF, CSV).
        let statementLink: String
    }

    /// Open leases: the balance with a pay link.
    let current: [Standing]
    /// Ended leases: the final balance, no pay link.
    let past: [Standing]
    let payments: [PaymentRow]
    let hasPayments: Bool

    /// The standing of the tenant's `leases` (as `LedgerStore.leases(tenant:)` reads them) and their payments.
    static func load(tenant: UserID, leases: [LeaseDetails], db: Connection, today: CalendarDay, say: Wording)
        throws -> TenantLedgerView
    {
        let store = LedgerStore(db: db)
        let standings = leases.map { lease in
            let balance = lease.balance(asOf: today)
            return (
                lease.isOpen,
                Standing(
                    title: say("ledger.unit_of_property", ["unit": lease.unitLabel, "property": lease.propertyName]),
                    balance: say.balance(balance), owes: balance > 0, inCredit: balance < 0,
                    rent: say.money(lease.schedule.monthlyRent),
                    nextDue: lease.schedule.nextDueDate(after: today).map { say.day($0) },
                    endedOn: lease.schedule.end.map { say.day($0) },
                    statementLink: "/tenant/leases/\(lease.id)/statement")
            )
        }
        let payments = try store.payments(tenant: tenant).map {
            PaymentRow($0, receiptBase: "/tenant/payments", say: say)
        }
        return TenantLedgerView(
            current: standings.filter(\.0).map(\.1), past: standings.filter { !$0.0 }.map(\.1), payments: payments,
            hasPayments: !payments.isEmpty)
    }
}
