/// The view model of `dashboard/index.mustache` (all properties, or one) and, with `lease` set,
/// of `dashboard/lease.mustache`.
struct DashboardPage {

    /// A link with a label.
    struct Link {
        let href: String
        let label: String
    }

    /// A tenant with a balance due.
    struct ArrearsRow {
        let tenantName: String
        let unitLabel: String
        let propertyName: String
        let balance: String
        let link: String
    }

    /// An amount with what it is.
    struct Amount {
        let label: String
        let amount: String
    }

    /// A payment in the table.
    struct PaymentItem {
        let date: String
        let tenantName: String
        let unitLabel: String
        let propertyName: String
        let amount: String
        let proof: String
        let channel: String
        let receiptLink: String
        let leaseLink: String
    }

    let layout: Layout
    let heading: String
    let periodLabel: String
    /// The dashboard's own address, without a query.
    let path: String
    let isAll: Bool
    let isLease: Bool
    let backLink: Link?
    // The period form.
    let month: String
    let from: String
    let to: String
    let isRange: Bool
    let previousMonth: Link?
    let nextMonth: Link?
    // Figures.
    let collected: String
    let expected: String
    let outstanding: String
    let tenantsInArrears: String
    let rate: String
    let occupancy: String
    let chart: DashboardChart
    // Tenants with a balance due.
    let arrears: [ArrearsRow]
    let hasArrears: Bool
    let moreArrears: String?
    let arrearsCSV: String
    /// Today's arrears by age (0–30, 31–60, 61–90, over 90 days).
    let ageing: [Amount]
    /// Deposits held per property (not income).
    let deposits: [Amount]
    let hasDeposits: Bool
    // Payments.
    let payments: [PaymentItem]
    let hasPayments: Bool
    let page: Int
    let previousPage: String?
    let nextPage: String?
    let paymentsCSV: String
    let channels: [SelectOption]
    let properties: [SelectOption]
    let propertyLinks: [Link]
    let hasPropertyLinks: Bool
    let lease: LeaseSection?
}

/// The lease part of a tenant's dashboard: the lease and its monthly statement.
struct LeaseSection {
    let id: String
    let tenantName: String
    let tenantEmail: String
    let tenantPhone: String
    let unitLabel: String
    let propertyName: String
    let rent: String
    let dueDay: String
    let startDate: String
    let endedOn: String?
    let balance: String
    let owes: Bool
    let statement: [LeaseStatement.Line]
}
