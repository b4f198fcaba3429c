import Foundation
import MariaDB

/// A payment request's id (a row of `payment_requests`).
struct PaymentRequestID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}

/// Where an STK push stands.
enum PaymentRequestStatus: String, Sendable {
    case pending
    case succeeded
    case failed
    case cancelled
    case timedOut = "timed_out"
    case needsReview = "needs_review"
    /// The push got no clear answer (timeout, dropped connection, unreadable body): the prompt
    /// may have reached the phone. A paid callback is matched to it by phone and amount.
    case unconfirmed
}

/// The tenant's open lease, with what a payment needs to know about it.
struct PayableLease {
    let leaseID: LeaseID
    let unitID: Int64
    let propertyID: Int64
    let landlordID: UserID
    let unitLabel: String
    let propertyName: String

    init(row: Row) throws {
        leaseID = LeaseID(try row.int64("id"))
        unitID = try row.int64("unit_id")
        propertyID = try row.int64("property_id")
        landlordID = UserID(try row.int64("landlord_id"))
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
    }
}

/// One STK push as its tenant sees it.
struct PaymentRequestRecord {
    let id: PaymentRequestID
    let amount: Int
    let phone: String
    let status: PaymentRequestStatus
    let resultCode: Int?
    /// Daraja's text, or our own plain words when there is no result code (push refused, no answer).
    let resultDesc: String?
    let receipt: String?
    let createdAt: Date
    /// The ledger entry, once the payment is recorded.
    let paymentID: PaymentID?

    init(row: Row) throws {
        id = PaymentRequestID(try row.int64("id"))
        amount = try row.int("amount")
        phone = try row.string("phone")
        status = PaymentRequestStatus(rawValue: try row.string("status")) ?? .needsReview
        resultCode = try row.optionalInt("result_code")
        resultDesc = try row.optionalString("result_desc")
        receipt = try row.optionalString("receipt")
        createdAt = try row.date("created_at")
        paymentID = try row.optionalInt64("payment_id").map(PaymentID.init)
    }
}

/// A request locked for settlement, with the lease, tenant and unit it concerns.
struct LockedPaymentRequest {
    let id: PaymentRequestID
    let status: PaymentRequestStatus
    let amount: Int
    let phone: String
    let receipt: String?
    let checkoutRequestID: String?
    let leaseID: LeaseID
    let tenantID: UserID
    let landlordID: UserID
    let propertyID: Int64
    let unitID: Int64
    let unitLabel: String
    let propertyName: String
    let tenantName: String
    let tenantEmail: String

    /// Reads the request's `id` and `phone` under these names or the ones given (a query that
    /// also reads its lease's names them apart).
    init(row: Row, id idColumn: String = "id", phone phoneColumn: String = "phone") throws {
        id = PaymentRequestID(try row.int64(idColumn))
        status = PaymentRequestStatus(rawValue: try row.string("status")) ?? .needsReview
        amount = try row.int("amount")
        phone = try row.string(phoneColumn)
        receipt = try row.optionalString("receipt")
        checkoutRequestID = try row.optionalString("checkout_request_id")
        leaseID = LeaseID(try row.int64("lease_id"))
        tenantID = UserID(try row.int64("tenant_id"))
        landlordID = UserID(try row.int64("landlord_id"))
        propertyID = try row.int64("property_id")
        unitID = try row.int64("unit_id")
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
        tenantName = try row.string("tenant_name")
        tenantEmail = try row.string("tenant_email")
    }
}

/// A pending or needs-review request claimed by the reconciler.
struct ClaimedPaymentRequest {
    let id: PaymentRequestID
    let status: PaymentRequestStatus
    let landlordID: UserID
    let shortcode: String
    let checkoutRequestID: String?
    let queryAttempts: Int
    /// Seconds since the push.
    let age: Int

    init(row: Row) throws {
        id = PaymentRequestID(try row.int64("id"))
        status = PaymentRequestStatus(rawValue: try row.string("status")) ?? .needsReview
        landlordID = UserID(try row.int64("landlord_id"))
        shortcode = try row.string("shortcode")
        checkoutRequestID = try row.optionalString("checkout_request_id")
        queryAttempts = try row.int("query_attempts")
        age = try row.int("age")
    }
}

/// A push the landlord should look at: Daraja gave an unclear result code, or never answered it.
struct PaymentRequestToCheck {
    let id: PaymentRequestID
    let status: PaymentRequestStatus
    let amount: Int
    let phone: String
    let createdAt: Date
    let tenantName: String
    let unitLabel: String
    let propertyName: String
    let resultDesc: String?

    init(row: Row) throws {
        id = PaymentRequestID(try row.int64("id"))
        status = PaymentRequestStatus(rawValue: try row.string("status")) ?? .needsReview
        amount = try row.int("amount")
        phone = try row.string("phone")
        createdAt = try row.date("created_at")
        tenantName = try row.string("tenant_name")
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
        resultDesc = try row.optionalString("result_desc")
    }
}
