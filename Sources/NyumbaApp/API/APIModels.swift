import Foundation

/// The signed-in user as `GET /me` shows them.
struct APIUser: Encodable {
    let id: Int64
    let role: String
    let status: String
    let name: String
    let email: String
    let phone: String

    init(_ user: CurrentUser) {
        id = user.id.raw
        role = user.role.rawValue
        status = user.status.rawValue
        name = user.name
        email = user.email
        phone = user.phone
    }
}

/// A lease with its balance today.
struct APILease: Encodable {
    let id: Int64
    let tenantId: Int64
    let tenantName: String
    let propertyId: Int64
    let propertyName: String
    let propertyLocation: String
    let unitId: Int64
    let unitLabel: String
    let monthlyRent: Int
    let dueDay: Int
    let startDate: String
    let endDate: String?
    /// Rent due to date minus payments; negative is credit.
    let balance: Int
    let nextDueDate: String?
    let paid: Int

    init(_ lease: LeaseDetails, today: CalendarDay = .nairobi()) {
        id = lease.id.raw
        tenantId = lease.tenantID.raw
        tenantName = lease.tenantName
        propertyId = lease.propertyID.raw
        propertyName = lease.propertyName
        propertyLocation = lease.propertyLocation
        unitId = lease.unitID.raw
        unitLabel = lease.unitLabel
        monthlyRent = lease.schedule.monthlyRent
        dueDay = lease.schedule.dueDay
        startDate = lease.schedule.start.description
        endDate = lease.schedule.end?.description
        balance = lease.balance(asOf: today)
        nextDueDate = lease.isOpen ? lease.schedule.nextDueDate(after: today)?.description : nil
        paid = lease.paid
    }

    private enum CodingKeys: String, CodingKey {
        case id, tenantId, tenantName, propertyId, propertyName, propertyLocation, unitId, unitLabel, monthlyRent
        case dueDay, startDate, endDate, balance, nextDueDate, paid
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(tenantId, forKey: .tenantId)
        try c.encode(tenantName, forKey: .tenantName)
        try c.encode(propertyId, forKey: .propertyId)
        try c.encode(propertyName, forKey: .propertyName)
        try c.encode(propertyLocation, forKey: .propertyLocation)
        try c.encode(unitId, forKey: .unitId)
        try c.encode(unitLabel, forKey: .unitLabel)
        try c.encode(monthlyRent, forKey: .monthlyRent)
        try c.encode(dueDay, forKey: .dueDay)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(endDate, forKey: .endDate)
        try c.encode(balance, forKey: .balance)
        try c.encode(nextDueDate, forKey: .nextDueDate)
        try c.encode(paid, forKey: .paid)
    }
}

/// One payment in a list.
struct APIPayment: Encodable {
    let id: Int64
    let leaseId: Int64
    let amount: Int
    /// `stk`, `c2b` or `manual`.
    let channel: String
    /// `cash` or `bank` for manual payments, else null.
    let method: String?
    let receipt: String?
    let reference: String?
    let paidAt: String
    let tenantName: String
    let unitLabel: String
    let propertyName: String

    init(_ line: PaymentLine) {
        id = line.id.raw
        leaseId = line.leaseID.raw
        amount = line.amount
        channel = line.channel.rawValue
        method = line.method?.rawValue
        receipt = line.receipt
        reference = line.reference
        paidAt = APIJSON.instant(line.paidAt)
        tenantName = line.tenantName
        unitLabel = line.unitLabel
        propertyName = line.propertyName
    }

    private enum CodingKeys: String, CodingKey {
        case id, leaseId, amount, channel, method, receipt, reference, paidAt, tenantName, unitLabel, propertyName
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(leaseId, forKey: .leaseId)
        try c.encode(amount, forKey: .amount)
        try c.encode(channel, forKey: .channel)
        try c.encode(method, forKey: .method)
        try c.encode(receipt, forKey: .receipt)
        try c.encode(reference, forKey: .reference)
        try c.encode(paidAt, forKey: .paidAt)
        try c.encode(tenantName, forKey: .tenantName)
        try c.encode(unitLabel, forKey: .unitLabel)
        try c.encode(propertyName, forKey: .propertyName)
    }
}

/// A receipt: one payment with its lease and the balance just after it.
struct APIReceipt: Encodable {
    let number: String
    let payment: APIPayment
    let landlordName: String
    let propertyLocation: String
    let phone: String?
    let note: String?
    let recordedAt: String
    let balanceAfter: Int

    init(_ record: ReceiptRecord) {
        number = "NY-\(record.payment.id)"
        payment = APIPayment(record.payment)
        landlordName = record.lease.landlordName
        propertyLocation = record.lease.propertyLocation
        phone = record.phone
        note = record.note
        recordedAt = APIJSON.instant(record.recordedAt)
        balanceAfter = record.balanceAfter
    }

    private enum CodingKeys: String, CodingKey {
        case number, payment, landlordName, propertyLocation, phone, note, recordedAt, balanceAfter
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(payment, forKey: .payment)
        try c.encode(landlordName, forKey: .landlordName)
        try c.encode(propertyLocation, forKey: .propertyLocation)
        try c.encode(phone, forKey: .phone)
        try c.encode(note, forKey: .note)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(balanceAfter, forKey: .balanceAfter)
    }
}

/// An STK push as its tenant follows it.
struct APIPaymentRequest: Encodable {
    let id: Int64
    let amount: Int
    let phone: String
    /// `pending`, `succeeded`, `failed`, `cancelled`, `timed_out`, `needs_review` or `unconfirmed`.
    let status: String
    /// The outcome in plain words.
    let message: String
    let receipt: String?
    let paymentId: Int64?
    let createdAt: String

    init(_ record: PaymentRequestRecord, _ say: Wording) {
        id = record.id.raw
        amount = record.amount
        phone = record.phone
        status = record.status.rawValue
        message = PaymentStatusPage.message(record, say)
        receipt = record.receipt
        paymentId = record.paymentID?.raw
        createdAt = APIJSON.instant(record.createdAt)
    }

    private enum CodingKeys: String, CodingKey {
        case id, amount, phone, status, message, receipt, paymentId, createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(amount, forKey: .amount)
        try c.encode(phone, forKey: .phone)
        try c.encode(status, forKey: .status)
        try c.encode(message, forKey: .message)
        try c.encode(receipt, forKey: .receipt)
        try c.encode(paymentId, forKey: .paymentId)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
