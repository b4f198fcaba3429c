import Daraja
import MariaDB
import Web

extension PaymentSettlement {
    /// Applies Daraja's answers in the caller's transaction (a batch of callbacks that arrived
    /// together): those waiting for their answer with a few statements for all (`settleWaiting`),
    /// the rest one by one (`settle`). One outcome per result, in order.
    func settle(batch results: [(checkoutRequestID: String, result: STKResult)]) throws -> [SettlementOutcome] {
        let waiting = try settleWaiting(results)
        return try results.enumerated().map { index, item in
            try waiting[index] ?? settle(checkoutRequestID: item.checkoutRequestID, item.result)
        }
    }

    /// Settles, with a few statements for all of them, the results whose request is waiting for its
    /// answer (pending or unconfirmed): one lock of every request, one update, one read of the paid
    /// ones' details, and their payments through `PaymentRecorder`'s batch. Returns the outcome of
    /// each result it settled, by index; the others (unknown, settled before, a second result for
    /// the same request or lease in the batch) are left for `settle`, in the same transaction.
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
