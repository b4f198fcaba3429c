import Daraja
import Foundation
import MariaDB
import Web

/// What Daraja said about a push, from its callback or from the STK query.
struct STKResult {
    let resultCode: Int
    let resultDesc: String
    var receipt: String? = nil
    /// The amount M-Pesa reports (callback only; the query has none).
    var amount: Int? = nil
    var phone: String? = nil
    var paidAt = Date()
    var merchantRequestID: String? = nil
    /// The callback is authoritative: it carries the receipt; the query is not (DARAJA.md).
    var fromCallback = false

    init(resultCode: Int, resultDesc: String) {
        self.resultCode = resultCode
        self.resultDesc = resultDesc
    }

    init(callback: STKCallback) {
        self.init(resultCode: callback.resultCode, resultDesc: callback.resultDesc)
        receipt = callback.receipt
        amount = callback.amount
        phone = callback.phone
        paidAt = callback.transactionDate.flatMap(DarajaTime.date) ?? Date()
        merchantRequestID = callback.merchantRequestID
        fromCallback = true
    }
}

/// What a settlement attempt did (also the `outcome` kept with a raw callback).
enum SettlementOutcome: String {
    /// The request was pending (or a query had called it failed) and is now settled.
    case settled
    /// Nothing changed: the request was settled already.
    case duplicate
    /// A late callback brought the receipt of a payment the reconciler had recorded.
    case receiptFilled = "receipt_filled"
    /// No request has this CheckoutRequestID.
    case unknown
}

/// Settles STK pushes in one transaction each: the request's status, the ledger entry,
/// the landlord's notifications and the tenant's receipt email, together or not at all.
/// The request row is locked first, so duplicate callbacks and the reconciler take turns
/// and a payment is recorded once.
struct PaymentSettlement {
    let db: Connection
    let views: Views
    let config: Config
    let versions: LandlordDataVersions

    /// Applies Daraja's answer to the request of `checkoutRequestID`.
    func settle(checkoutRequestID: String, _ result: STKResult) throws -> SettlementOutcome {
        try LockConflictRetry.transaction(db) {
            let store = PaymentRequestStore(db: db)
            let outcome = STKOutcome(resultCode: result.resultCode)
            // The usual case: a request waiting for this answer takes it, in one statement.
            let reported = outcome == .paid ? result.amount : nil
            if let request = try store.settleWaiting(
                checkoutRequestID: checkoutRequestID, status: Self.status(outcome), resultCode: result.resultCode,
                resultDesc: result.resultDesc, receipt: outcome == .paid ? result.receipt : nil,
                reportedAmount: reported)
            {
                if outcome == .paid {
                    let payment = try PaymentRecorder(db: db, views: views, config: config, versions: versions)
                        .record(entry(result, request))
                    try recorded(payment, result, request, mismatch: reported.map { $0 != request.amount } ?? false)
                }
                return .settled
            }
            guard
                let request = try store.lock(checkoutRequestID: checkoutRequestID)
                    ?? linkUnanswered(checkoutRequestID: checkoutRequestID, result, outcome)
            else { return .unknown }
            if request.status == .pending || request.status == .unconfirmed {
                try apply(result, outcome, to: request)
                return .settled
            }
            // An unclear result is replaced by the first clear one, from a query or a callback.
            if request.status == .needsReview {
                guard outcome != .needsReview else { return .duplicate }
                try apply(result, outcome, to: request)
                return .settled
            }
            // A query result never overturns a success; only a paid callback changes a settled request.
            guard outcome == .paid, result.fromCallback else { return .duplicate }
            if request.status == .succeeded {
                guard request.receipt == nil, let receipt = result.receipt else { return .duplicate }
                try store.fillReceipt(request.id, checkoutRequestID: checkoutRequestID, receipt: receipt)
                return .receiptFilled
            }
            // The query had reported another outcome, but the callback proves the money moved.
            Log.warning("payments: callback says request \(request.id) was paid after it was marked \(request.status)")
            try apply(result, outcome, to: request)
            return .settled
        }
    }

    /// A paid callback for a push whose answer we never got (so whose CheckoutRequestID we
    /// never learned): the tenant's unanswered request with the same phone and amount, linked
    /// to that CheckoutRequestID and locked.
    private func linkUnanswered(
        checkoutRequestID: String, _ result: STKResult, _ outcome: STKOutcome
    ) throws -> LockedPaymentRequest? {
        guard outcome == .paid, result.fromCallback, let phone = result.phone, let amount = result.amount else {
            return nil
        }
        let store = PaymentRequestStore(db: db)
        guard let request = try store.lockUnlinked(phone: phone, amount: amount) else { return nil }
        try store.link(request.id, checkoutRequestID: checkoutRequestID, merchantRequestID: result.merchantRequestID)
        Log.info(
            "payments: paid callback \(checkoutRequestID) matched unanswered request \(request.id) by phone and amount")
        return try store.lock(checkoutRequestID: checkoutRequestID)
    }

    /// Marks a request that Daraja never answered about as timed out.
    func timeOut(_ id: PaymentRequestID, message: String) throws {
        try db.transaction {
            let store = PaymentRequestStore(db: db)
            guard let request = try store.lock(id), request.status == .pending else { return }
            try store.settle(
                id, status: .timedOut, resultCode: nil, resultDesc: message, receipt: nil, amountMismatch: false)
        }
    }

    /// Settles a locked request (`settleWaiting` does the same for one still waiting).
    private func apply(_ result: STKResult, _ outcome: STKOutcome, to request: LockedPaymentRequest) throws {
        let settlement = RequestSettlement(result, for: request.id, asked: request.amount)
        try PaymentRequestStore(db: db).settle(
            request.id, status: settlement.status, resultCode: settlement.resultCode,
            resultDesc: settlement.resultDesc, receipt: settlement.receipt, amountMismatch: settlement.amountMismatch)
        guard outcome == .paid else { return }
        let payment = try PaymentRecorder(db: db, views: views, config: config, versions: versions)
            .record(entry(result, request))
        try recorded(payment, result, request, mismatch: settlement.amountMismatch)
    }

    /// The ledger entry of a paid result for `request`.
    func entry(_ result: STKResult, _ request: LockedPaymentRequest) -> LedgerEntry {
        LedgerEntry(
            leaseID: request.leaseID, tenantID: request.tenantID, landlordID: request.landlordID,
            propertyID: request.propertyID, unitID: request.unitID, amount: result.amount ?? request.amount,
            channel: .stk, receipt: result.receipt,
            phone: result.phone.flatMap { $0.count == 12 ? $0 : nil } ?? request.phone,
            paymentRequestID: request.id.raw, checkoutRequestID: request.checkoutRequestID, paidAt: result.paidAt)
    }

    /// Logs what `PaymentRecorder` did with a paid request's entry (nil: it was in the ledger
    /// already, a concurrent duplicate or the same receipt through C2B) and tells the landlord of
    /// an amount that differs from the one asked.
    func recorded(_ payment: PaymentID?, _ result: STKResult, _ request: LockedPaymentRequest, mismatch: Bool)
        throws
    {
        guard let payment else {
            Log.info("payments: request \(request.id) was already in the ledger")
            return
        }
        Log.info("payments: request \(request.id) recorded as payment \(payment)")
        if mismatch {
            try Notifier(db: db, views: views, config: config).send(
                AmountMismatch.notice(reported: result.amount ?? request.amount, request, receipt: result.receipt))
        }
    }

    static func status(_ outcome: STKOutcome) -> PaymentRequestStatus {
        switch outcome {
        case .paid: .succeeded
        case .cancelled: .cancelled
        case .timedOut: .timedOut
        case .failed: .failed
        case .needsReview: .needsReview
        }
    }
}

/// Daraja's `TransactionDate` (`yyyyMMddHHmmss`, Nairobi time) as an instant.
enum DarajaTime {
    static func date(_ digits: String) -> Date? {
        guard digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let chars = Array(digits)
        func number(_ from: Int, _ length: Int) -> Int { Int(String(chars[from..<from + length])) ?? 0 }
        var parts = DateComponents()
        (parts.year, parts.month, parts.day) = (number(0, 4), number(4, 2), number(6, 2))
        (parts.hour, parts.minute, parts.second) = (number(8, 2), number(10, 2), number(12, 2))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = NairobiTime.timeZone
        guard parts.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: parts)
    }
}
