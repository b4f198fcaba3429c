import Foundation
import Web

/// The landlord's reminders: choose and preview, send, automatic occasions, and the log
/// of every reminder and message with its delivery status.
enum ReminderRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/reminders", logPage)
        router.landlord("GET", "/landlord/reminders/new") { request, landlord, context in
            try previewPage(ReminderTarget.read(request.query), landlord, context)
        }
        router.landlord("POST", "/landlord/reminders", send)
        router.landlord("GET", "/landlord/reminders/settings") { request, landlord, context in
            let saved = try ReminderStore(db: context.db).occasions(landlord: landlord.id)
            return try settingsPage(
                ReminderSettingsForm(saved: saved), landlord, context, notice: notice(request, context))
        }
        router.landlord("POST", "/landlord/reminders/settings", saveSettings)
    }

    static let pageSize = 50

    /// Fixed messages after a redirect; never text taken from the address.
    private static func notice(_ request: Request, _ context: AppContext) -> String? {
        switch request.query["done"] {
        case "sent":
            let count = Int(request.query["count"] ?? "") ?? 0
            return count == 1
                ? context.say("reminder.done.sent_one") : context.say("reminder.done.sent", ["count": String(count)])
        case "saved": return context.say("reminder.done.saved")
        case "off": return context.say("reminder.done.off")
        default: return nil
        }
    }

    private static func previewPage(
        _ target: ReminderTarget?, _ landlord: SignedInLandlord, _ context: AppContext, status: Int = 200
    ) throws -> Response {
        guard let target else {
            let leases = try ReminderStore(db: context.db).leases(.arrears, landlord: landlord.id)
            let layout = try context.layout(landlord)
            return context.page(.remindersNew, ReminderPreviewPage(layout: layout, openLeases: leases))
        }
        let reminders = ManualReminders(db: context.db, views: context.views, config: context.config)
        guard let found = try reminders.recipients(target, landlord: landlord.id, today: .nairobi()) else {
            throw HTTPError.notFound
        }
        let layout = try context.layout(landlord)
        switch found {
        case .success(let recipients):
            return context.page(
                .remindersNew,
                ReminderPreviewPage(layout: layout, target: target, recipients: recipients, refusal: nil),
                status: status)
        case .failure(let refusal):
            return context.page(
                .remindersNew, ReminderPreviewPage(layout: layout, target: target, recipients: [], refusal: refusal),
                status: status == 200 ? 200 : 409)
        }
    }

    private static func send(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws -> Response
    {
        let form = try request.form()
        guard let target = try ReminderTarget.read(form) else {
            throw HTTPError.badRequest("reminder.choose_first")
        }
        let reminders = ManualReminders(db: context.db, views: context.views, config: context.config)
        guard let found = try reminders.recipients(target, landlord: landlord.id, today: .nairobi()) else {
            throw HTTPError.notFound
        }
        guard case .success(let recipients) = found else {
            return try previewPage(target, landlord, context, status: 409)
        }
        // Sent before with this form's key (a double click): the same confirmation, nothing sent again.
        try reminders.send(recipients, landlord: landlord.id, key: OneTimeKey.read(form["key"]))
        return .redirect(to: "/landlord/reminders?done=sent&count=\(recipients.count)")
    }

    private static func settingsPage(
        _ form: ReminderSettingsForm, _ landlord: SignedInLandlord, _ context: AppContext, notice: String? = nil,
        status: Int = 200
    ) throws -> Response {
        let layout = try context.layout(landlord, notice: notice)
        let isOff = form.values.allSatisfy(\.isEmpty)
        return context.page(
            .remindersSettings, ReminderSettingsPage(layout: layout, fields: form.fields(layout.say), isOff: isOff),
            status: status)
    }

    private static func saveSettings(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let (typed, offsets) = ReminderSettingsForm.read(try request.form())
        guard let offsets else { return try settingsPage(typed, landlord, context, status: 400) }
        try ReminderStore(db: context.db).saveOccasions(offsets, landlord: landlord.id)
        return .redirect(to: "/landlord/reminders/settings?done=\(offsets.isEmpty ? "off" : "saved")")
    }

    private static func logPage(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let page = max(1, min(Int(request.query["page"] ?? "") ?? 1, 10_000))
        var entries = try ReminderLogStore(db: context.db).entries(
            landlord: landlord.id, offset: (page - 1) * pageSize, limit: pageSize)
        let hasNext = entries.count > pageSize
        if hasNext { entries.removeLast() }
        let sms = try SMSStore(db: context.db).sentToTenants(landlord: landlord.id, month: CalendarDay.nairobi())
        let layout = try context.layout(landlord, notice: notice(request, context))
        return context.page(
            .remindersLog,
            ReminderLogPage(
                layout: layout, lines: entries.map { ReminderLogPage.Line($0, say: layout.say) },
                isEmpty: entries.isEmpty,
                previousLink: page > 1 ? "/landlord/reminders?page=\(page - 1)" : nil,
                nextLink: hasNext ? "/landlord/reminders?page=\(page + 1)" : nil, smsThisMonth: sms.messages,
                smsPartsThisMonth: sms.parts))
    }
}
