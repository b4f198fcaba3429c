import Web

/// Every route of the ledger: receipts, leases (manual payments, ending) and the landlord's payments list.
enum LedgerRoutes {
    static func register(in router: inout Router<AppContext>) {
        ReceiptRoutes.register(in: &router)
        LeaseRoutes.register(in: &router)
        LandlordPaymentsRoutes.register(in: &router)
    }

    /// The templates the ledger needs; start-up fails if one is missing.
    static let templates = [
        "ledger/receipt", "ledger/lease", "ledger/manual_payment", "ledger/payments", "ledger/tenant_ledger",
        "emails/payment_receipt_manual", "emails/lease_ended",
    ]
}
