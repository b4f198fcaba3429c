import Foundation
import MariaDB
import Web

/// A lease's statement for a chosen period — as a page (printable), a CSV and a PDF: the tenant's
/// own leases under `/tenant`, any of the landlord's under `/landlord`; anyone else gets 404.
enum StatementRoutes {
    /// The three forms of a statement, by the end of their address.
    enum Format: String, CaseIterable {
        case page = ""
        case csv = ".csv"
        case pdf = ".pdf"
    }

    static func register(in router: inout Router<AppContext>) {
        for format in Format.allCases {
            router.landlord("GET", "/landlord/leases/:id/statement\(format.rawValue)") { request, landlord, context in
                let lease = try LeaseRoutes.lookUpLease(request, landlord, context)
                return try respond(format, lease, request, context) { try context.layout(landlord) }
            }
            router.tenant("GET", "/tenant/leases/:id/statement\(format.rawValue)") { request, tenant, context in
                guard let id = LeaseID(segment: request.parameters["id"]),
                    let lease = try LedgerStore(db: context.db).leases(tenant: tenant.id).first(where: { $0.id == id })
                else { throw HTTPError.notFound }
                return try respond(format, lease, request, context) { try context.layout(tenant) }
            }
        }
    }

    private static func respond(
        _ format: Format, _ lease: LeaseDetails, _ request: Request, _ context: AppContext,
        layout: () throws -> Layout
    ) throws -> Response {
        let today = CalendarDay.nairobi()
        let (from, to) = try period(request.query, lease: lease, today: today)
        let statement = try StatementSource(db: context.db).statement(lease, from: from, to: to, say: context.say)
        let name =
            "statement-\(lease.propertyName.filter { $0.isLetter || $0.isNumber })-\(lease.unitLabel)-\(from)-\(to)"
        switch format {
        case .page:
            let model = StatementPage(
                layout: try layout(), lease: lease, statement: statement, path: request.path)
            return context.page(.chargesStatement, model)
        case .csv:
            return download(
                StatementExport.csv(statement, say: context.say), type: "text/csv; charset=utf-8", name: "\(name).csv")
        case .pdf:
            return download(
                try StatementExport.pdf(statement, lease: lease, say: context.say), type: "application/pdf",
                name: "\(name).pdf")
        }
    }

    /// `from` and `to` (YYYY-MM-DD) from the address: by default from the lease's start to today.
    static func period(_ query: FormData, lease: LeaseDetails, today: CalendarDay) throws(HTTPError)
        -> (CalendarDay, CalendarDay)
    {
        func day(_ name: String, _ fallback: CalendarDay) throws(HTTPError) -> CalendarDay {
            guard let text = query[name], !text.isEmpty else { return fallback }
            guard let day = CalendarDay(iso: text) else {
                throw HTTPError.badRequest("charges.statement_dates", ["example": "\(today)"])
            }
            return day
        }
        let from = try day("from", min(lease.schedule.start, today))
        let to = try day("to", today)
        guard from <= to else { throw HTTPError.badRequest("charges.statement_order") }
        return (from, to)
    }

    private static func download(_ bytes: [UInt8], type: String, name: String) -> Response {
        Response(
            contentType: type, body: bytes,
            headers: [
                ("Content-Disposition", "attachment; filename=\"\(name)\""), ("Cache-Control", "private, no-store"),
            ])
    }
}

/// Reads what a statement is made of: the lease's charges and credits and its payments.
struct StatementSource {
    let db: Connection

    /// The statement with its payments described in `say`'s language.
    func statement(_ lease: LeaseDetails, from: CalendarDay, to: CalendarDay, say: Wording) throws -> Statement {
        let charges = try ChargeStore(db: db).lines(lease: lease.id).map { $0.worded(say) }
        let payments = try LedgerStore(db: db).payments(lease: lease.id, landlord: lease.landlordID).reversed().map {
            Statement.Payment(
                day: CalendarDay.nairobi($0.paidAt), amount: $0.amount,
                description: say("statement.payment", ["channel": say.channel($0), "proof": LedgerText.proof($0)]))
        }
        return Statement(schedule: lease.schedule, charges: charges, payments: payments, from: from, to: to)
    }
}
