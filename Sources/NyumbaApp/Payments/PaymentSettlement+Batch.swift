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
        var outcomes: [Int: Result<SettlementOutcome, any Error>] = [:]
        if results.count > 1 {
            do {
                let settled = try LockConflictRetry.run {
                    try db.transaction {
                        let settled = try settleWaiting(results)
                        for (index, outcome) in settled.sorted(by: { $0.key < $1.key }) { try keep(index, outcome) }
                        return settled
                    }
                }
                for (index, outcome) in settled { outcomes[index] = .success(outcome) }
            } catch {
                Log.info(
                    "payments: a batch of \(results.count) STK callbacks rolled back, settling each alone: \(error)")
            }
        }
        return results.indices.map { index in
            if let outcome = outcomes[index] { return outcome }
            return Result {
                try LockConflictRetry.run {
                    try db.transaction {
                        let outcome = try settle(
                            checkoutRequestID: results[index].checkoutRequestID, results[index].result)
                        try keep(index, outcome)
                        return outcome
                    }
                }
            }
        }
    }

    /// Settles, with a few statements for all of them, the results whose request is waiting for its
    /// answer (pending or unconfirmed): one lock of every request, one update, one read of the paid
    /// ones' details, and their payments through `PaymentRecorder`'s batch. Returns the outcome of
    /// each result it settled, by index; the others (unknown, settled before, a second result for
    /// the same request or lease in the batch) are left for `settle`.
    private func settleWaiting(_ results: [(checkoutRequestID: String, result: STKResult)]) throws -> [Int:
        SettlementOutcome]
    {
        guard results.count > 1 else { return [:] }
        let store = PaymentRequestStore(db: db)
        let waiting = try store.lockWaiting(checkoutRequestIDs: results.map(\.checkoutRequestID))
        var picked: [(index: Int, request: WaitingRequest, result: STKResult)] = []
        var requests = Set<Int64>()
        var leases = Set<Int64>()
        for (index, item) in results.enumerated() {
            guard let request = waiting[item.checkoutRequestID], requests.insert(request.id.raw).inserted,
                leases.insert(request.leaseID.raw).inserted
            else { continue }
            picked.append((index, request, item.result))
        }
        guard !picked.isEmpty else { return [:] }
        let settlements = picked.map { item in
            let outcome = STKOutcome(resultCode: item.result.resultCode)
            return RequestSettlement(
                id: item.request.id, status: Self.status(outcome), resultCode: item.result.resultCode,
                resultDesc: item.result.resultDesc, receipt: outcome == .paid ? item.result.receipt : nil,
                amountMismatch: outcome == .paid && item.result.amount.map { $0 != item.request.amount } == true)
        }
        try store.settle(settlements)
        let paid = zip(picked, settlements).filter { $0.1.status == .succeeded }
        let details = try store.details(ids: paid.map(\.1.id))
        let entries = try paid.map { item, _ in
            guard let request = details[item.request.id.raw] else {
                throw DatabaseError.decoding(column: "id", reason: "request \(item.request.id) lost its lease")
            }
            return entry(item.result, request)
        }
        let payments = try PaymentRecorder(db: db, views: views, config: config, versions: versions).record(entries)
        for ((item, settlement), payment) in zip(paid, payments) {
            let request = details[item.request.id.raw]!
            guard let payment else {
                Log.info("payments: request \(request.id) was already in the ledger")
                continue
            }
            Log.info("payments: request \(request.id) recorded as payment \(payment)")
            if settlement.amountMismatch {
                try Notifier(db: db, views: views, config: config).send(
                    AmountMismatch.notice(
                        reported: item.result.amount ?? request.amount, request, receipt: item.result.receipt))
            }
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

/// How one request ended, for `PaymentRequestStore.settle(_:)`.
struct RequestSettlement {
    let id: PaymentRequestID
    let status: PaymentRequestStatus
    let resultCode: Int?
    let resultDesc: String
    let receipt: String?
    let amountMismatch: Bool
}
