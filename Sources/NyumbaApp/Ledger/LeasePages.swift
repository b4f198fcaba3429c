/// The view model of `ledger/lease.mustache`: one lease as its landlord sees it.
struct LeasePage {
    let layout: Layout
    let id: String
    let propertyID: String
    let propertyName: String
    let unitLabel: String
    let tenantName: String
    let tenantEmail: String
    let tenantPhone: String
    let rent: String
    let dueDay: String
    let startDate: String
    let endedOn: String?
    let isOpen: Bool
    let balance: String
    let nextDue: String?
    let payments: [PaymentRow]
    let hasPayments: Bool
    /// The end-a-lease form as typed.
    let endDate: String
    let endErrors: [String: String]

    init(layout: Layout, lease: LeaseDetails, payments: [PaymentLine], today: CalendarDay, endForm: EndLeaseForm?) {
        self.layout = layout
        id = lease.id.description
        propertyID = lease.propertyID.description
        propertyName = lease.propertyName
        unitLabel = lease.unitLabel
        tenantName = lease.tenantName
        tenantEmail = lease.tenantEmail
        tenantPhone = lease.tenantPhone
        let say = layout.say
        rent = say.money(lease.schedule.monthlyRent)
        dueDay = say.dayOfMonth(lease.schedule.dueDay)
        startDate = say.day(lease.schedule.start)
        endedOn = lease.schedule.end.map(say.day)
        isOpen = lease.isOpen
        balance = say.balance(lease.balance(asOf: today))
        nextDue = lease.schedule.nextDueDate(after: today).map(say.day)
        self.payments = payments.map { PaymentRow($0, receiptBase: "/landlord/payments", say: layout.say) }
        hasPayments = !payments.isEmpty
        endDate = endForm?.date ?? today.description
        endErrors = endForm.map { layout.say($0.errors) } ?? [:]
    }
}

/// The view model of `ledger/manual_payment.mustache`.
struct ManualPaymentPage {

    let layout: Layout
    let leaseID: String
    let tenantName: String
    let unitLabel: String
    let propertyName: String
    let balance: String
    let today: String
    let amount: String
    let methods: [SelectOption]
    let date: String
    let reference: String
    let note: String
    let errors: [String: String]
    /// The form's one-time key: submitting it twice records one payment.
    let key: String

    init(layout: Layout, lease: LeaseDetails, form: ManualPaymentForm, today: CalendarDay) {
        self.layout = layout
        leaseID = lease.id.description
        key = form.key ?? OneTimeKey.fresh()
        tenantName = lease.tenantName
        unitLabel = lease.unitLabel
        propertyName = lease.propertyName
        balance = layout.say.balance(lease.balance(asOf: today))
        self.today = today.description
        amount = form.amount
        methods = ManualMethod.allCases.map {
            SelectOption(
                value: $0.rawValue, label: layout.say("ledger.method_choice.\($0.rawValue)"),
                selected: $0.rawValue == form.method)
        }
        date = form.date.isEmpty ? today.description : form.date
        reference = form.reference
        note = form.note
        errors = layout.say(form.errors)
    }
}

/// The view model of `ledger/payments.mustache`: the landlord's payments, a page at a time.
struct LandlordPaymentsPage {
    /// A choice of the property filter.
    struct PropertyChoice {
        let id: String
        let name: String
        let selected: Bool
    }

    let layout: Layout
    let properties: [PropertyChoice]
    /// M-Pesa pushes whose outcome is unclear or unanswered (first page only).
    var toCheck: [PaymentToCheckRow] = []
    var hasToCheck = false
    /// Paybill payments that matched no lease, waiting on the landlord (the badge).
    var unmatchedCount = 0
    var hasUnmatched = false
    let payments: [PaymentRow]
    let hasPayments: Bool
    let page: Int
    let previousLink: String?
    let nextLink: String?
}

/// A line of the landlord's "to check" list: a push M-Pesa gave no clear outcome for.
struct PaymentToCheckRow {
    let id: String
    let date: String
    let tenantName: String
    let unitLabel: String
    let propertyName: String
    let amount: String
    let phone: String
    let status: String
    let why: String

    init(_ request: PaymentRequestToCheck, say: Wording) {
        id = String(request.id.raw)
        date = say.dateTime(request.createdAt)
        tenantName = request.tenantName
        unitLabel = request.unitLabel
        propertyName = request.propertyName
        amount = say.money(request.amount)
        phone = PhoneDisplay.local(request.phone)
        status = request.status.rawValue
        why = say(request.status == .unconfirmed ? "ledger.check.unconfirmed" : "ledger.check.unclear")
    }
}
