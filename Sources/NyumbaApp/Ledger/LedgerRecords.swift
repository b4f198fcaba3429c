import Foundation
import MariaDB

/// A lease with its tenant, landlord, unit and property, and its account (charges and payments
/// so far): what the ledger, the dashboard, reminders and messages show of a lease.
struct LeaseDetails {
    let id: LeaseID
    let tenantID: UserID
    let landlordID: UserID
    let propertyID: PropertyID
    let unitID: UnitID
    let schedule: RentSchedule
    let unitLabel: String
    let propertyName: String
    let propertyLocation: String
    let tenantName: String
    let tenantEmail: String
    let tenantPhone: String
    let landlordName: String
    let landlordEmail: String
    /// Every payment under the lease, in shillings.
    let paid: Int
    /// Every charge minus every credit of the lease, in shillings.
    let charged: Int
    /// The unit's paybill account number (nil only before `nyumba migrate` filled it in).
    let accountNumber: String?

    static let columns = """
        l.id, l.tenant_id, l.landlord_id, l.property_id, l.unit_id, l.monthly_rent, l.due_day, l.start_date,
        l.end_date, u.label, p.name AS property_name, p.location, t.name AS tenant_name,
        t.email AS tenant_email, t.phone AS tenant_phone, o.name AS landlord_name,
        o.email AS landlord_email, l.total_paid AS paid, l.total_charged AS charged, u.account_no
        """
    /// The lease `l`, its unit `u`, property `p`, tenant `t` and landlord `o`.
    static let tables = """
        leases l JOIN units u ON u.id = l.unit_id JOIN properties p ON p.id = l.property_id
        JOIN users t ON t.id = l.tenant_id JOIN users o ON o.id = l.landlord_id
        """
    static let select = "SELECT \(columns) FROM \(tables)"

    init(row: Row) throws {
        id = LeaseID(try row.int64("id"))
        tenantID = UserID(try row.int64("tenant_id"))
        landlordID = UserID(try row.int64("landlord_id"))
        propertyID = PropertyID(try row.int64("property_id"))
        unitID = UnitID(try row.int64("unit_id"))
        schedule = try RentSchedule(row: row)
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
        propertyLocation = try row.string("location")
        tenantName = try row.string("tenant_name")
        tenantEmail = try row.string("tenant_email")
        tenantPhone = try row.string("tenant_phone")
        landlordName = try row.string("landlord_name")
        landlordEmail = try row.string("landlord_email")
        paid = try row.int("paid")
        charged = try row.int("charged")
        accountNumber = try row.optionalString("account_no")
    }

    var isOpen: Bool { schedule.end == nil }

    /// The lease's account today: every charge and payment recorded so far.
    var account: LeaseAccount { LeaseAccount(schedule: schedule, charged: charged, paid: paid) }

    /// What the lease owes by `day` (see `LeaseAccount`); negative is credit.
    func balance(asOf day: CalendarDay = .nairobi()) -> Int { account.balance(asOf: day) }
}

/// One payment in a list.
struct PaymentLine {
    let id: PaymentID
    let leaseID: LeaseID
    let amount: Int
    let channel: PaymentChannel
    let method: ManualMethod?
    let receipt: String?
    let reference: String?
    let paidAt: Date
    let tenantName: String
    let unitLabel: String
    let propertyName: String

    static let columns = """
        p.id, p.lease_id, p.amount, p.channel, p.method, p.receipt, p.reference, p.paid_at,
        t.name AS tenant_name, u.label, pr.name AS property_name
        """
    static let tables = """
        payments p JOIN users t ON t.id = p.tenant_id JOIN units u ON u.id = p.unit_id
        JOIN properties pr ON pr.id = p.property_id
        """
    /// Starts from `payments` (every caller filters on it by an index) rather than letting
    /// the optimiser begin with all properties and sort.
    static let select = "SELECT STRAIGHT_JOIN \(columns) FROM \(tables)"

    /// The line of `entry`, just recorded as `id` under `lease`.
    init(_ id: PaymentID, _ entry: LedgerEntry, lease: LeaseDetails) {
        (self.id, leaseID, amount, channel, method) = (id, entry.leaseID, entry.amount, entry.channel, entry.method)
        (receipt, reference, paidAt) = (entry.receipt, entry.reference, entry.paidAt)
        (tenantName, unitLabel, propertyName) = (lease.tenantName, lease.unitLabel, lease.propertyName)
    }

    init(row: Row) throws {
        id = PaymentID(try row.int64("id"))
        leaseID = LeaseID(try row.int64("lease_id"))
        amount = try row.int("amount")
        channel = PaymentChannel(rawValue: try row.string("channel")) ?? .manual
        method = try row.optionalString("method").flatMap(ManualMethod.init(rawValue:))
        receipt = try row.optionalString("receipt")
        reference = try row.optionalString("reference")
        paidAt = try row.date("paid_at")
        tenantName = try row.string("tenant_name")
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
    }
}

/// One payment with everything its receipt shows.
struct ReceiptRecord {
    let payment: PaymentLine
    let lease: LeaseDetails
    let note: String?
    let phone: String?
    let recordedAt: Date
    /// The lease's balance just after this payment (rent and charges due by its day, minus it and every
    /// earlier payment).
    let balanceAfter: Int
    /// The tenant's and landlord's language, phone and SMS choice, when read with the receipt (for its notices).
    var tenantContact: NoticeContact? = nil
    var landlordContact: NoticeContact? = nil
}
