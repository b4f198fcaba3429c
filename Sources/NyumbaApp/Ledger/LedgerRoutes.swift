import Web

/// Every route of the ledger: receipts, leases (manual payments, ending) and the landlord's payments list.
enum LedgerRoutes {
    static func register(in router: inout Router<AppContext>) {
        ReceiptRoutes.register(in: &router)
        LeaseRoutes.register(in: &router)
        LandlordPaymentsRoutes.register(in: &router)
    }

}
