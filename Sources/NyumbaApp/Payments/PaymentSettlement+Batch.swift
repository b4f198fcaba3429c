import Daraja
import MariaDB
import Web

extension PaymentSettlement {
    /// Applies Daraja's answers that arrived together (one per callback, in order): those whose
    /// request waits for its answer, to different leases, in one transaction with a few statements
    /// for all (`settleWaiting`); then every other one in a transaction of its own (`settle`), as if
    /// it had come alone — also all of them when the batch's transaction fails. `keep` runs in the
    /// transaction of each answer's settlement, with its index and outcome (the raw body is kept so).
    ///
    /// So no transaction records two payments to one lease, which receipts rely on: a receipt's
    /// balance starts from the lease's running total, which its commit adds to.
    func settle(
        batch results: [(checkoutRequestID: String, result: STKResult)],
        keep: (Int, SettlementOutcome) throws -> Void
    ) -> [Result<SettlementOutcome, any Error>] {
        SettlementBatches.settle(
            results.count, on: db, what: "STK callbacks", together: { try settleWaiting(results) },
            alone: { try settle(checkoutRequestID: results[$0].checkoutRequestID, results[$0].result) }, keep: keep)
    }

    /// Settles, with a few statements for all of them, the results whose request is waiting for its
    /// answer (pending or unconfirmed): one lock of every request and its lease, one update, one read
    /// of the paid ones' details with their receipts' bases, and their payments through
    /// `PaymentRecorder`'s batch. Returns the outcome of each result it settled, by index; the others
    /// (unknown, settled before, a second result for the same request or lease in the batch) are left
    /// for `settle`.
    private func settleWaiting(_ results: [(checkoutRequestID: String, result: STKResult)]) throws -> [Int:
        SettlementOutcome]
    {
        let store = PaymentRequestStore(db: db)
        let waiting = try store.lockWaiting(checkoutRequestIDs: results.map(\.checkoutRequestID))
        var picked: [(index: Int, result: STKResult, settlement: RequestSettlement)] = []
        var seenRequests = Set<Int64>()
        var seenLeases = Set<Int64>()
        for (index, item) in results.enumerated() {
            guard let request = waiting[item.checkoutRequestID], seenRequests.insert(request.id.raw).inserted,
                seenLeases.insert(request.leaseID.raw).inserted
            else { continue }
            picked.append((index, item.result, RequestSettlement(item.result, for: request.id, asked: request.amount)))
        }
        guard !picked.isEmpty else { return [:] }
        try store.settle(picked.map(\.settlement))
        let paid = picked.filter { $0.settlement.status == .succeeded }
        let details = try store.detailsForReceipts(ids: paid.map(\.settlement.id))
        let found = try paid.map { item in
            guard let found = details[item.settlement.id.raw] else {
                throw DatabaseError.decoding(column: "id", reason: "request \(item.settlement.id) lost its lease")
            }
            return found
        }
        let payments = try PaymentRecorder(db: db, views: views, config: config, versions: versions)
            .record(zip(paid, found).map { (entry($0.result, $1.0), $1.1) })
        for ((item, (request, _)), payment) in zip(zip(paid, found), payments) {
            try recorded(payment, item.result, request, mismatch: item.settlement.amountMismatch)
        }
        return Dictionary(uniqueKeysWithValues: picked.map { ($0.index, .settled) })
    }
}

/// A request waiting for Daraja's answer, locked.
struct WaitingRequest {
    let id: PaymentRequestID
    let amount: Int
    let leaseID: LeaseID
}

/// How Daraja's answer ends a request, for `PaymentRequestStore.settle`.
struct RequestSettlement {
    let id: PaymentRequestID
    let status: PaymentRequestStatus
    let resultCode: Int?
    let resultDesc: String
    /// The receipt of a paid request.
    let receipt: String?
    /// Paid, but another amount than the `asked` one.
    let amountMismatch: Bool

    init(_ result: STKResult, for id: PaymentRequestID, asked: Int) {
        let outcome = STKOutcome(resultCode: result.resultCode)
        self.id = id
        status = PaymentSettlement.status(outcome)
        resultCode = result.resultCode
        resultDesc = result.resultDesc
        receipt = outcome == .paid ? result.receipt : nil
        amountMismatch = outcome == .paid && result.amount.map { $0 != asked } == true
    }
}
