import Foundation
import Web

/// The landlord's reminders, as on the reminder pages: the preview of the exact emails, sending
/// them (the same refusals: an ended lease, nobody owing), the automatic occasions, and the log
/// of reminders and messages with their delivery.
enum APIReminderRoutes {
    /// One tenant a reminder goes to, with the email they get.
    struct Recipient: Encodable {
        let leaseId: Int64
        let tenantName: String
        let tenantEmail: String
        let unitLabel: String
        let propertyName: String
        /// Shillings owed by `due_date`; 0 or less is nothing due (a reminder to one chosen tenant).
        let amountDue: Int
        let dueDate: String?
        let subject: String
        let text: String

        init(_ recipient: ReminderRecipient) {
            leaseId = recipient.lease.id.raw
            tenantName = recipient.lease.tenantName
            tenantEmail = recipient.lease.tenantEmail
            unitLabel = recipient.lease.unitLabel
            propertyName = recipient.lease.propertyName
            amountDue = recipient.figures.amountDue
            dueDate = recipient.figures.dueDate?.description
            subject = recipient.email.subject
            text = recipient.email.text
        }

        private enum CodingKeys: String, CodingKey {
            case leaseId, tenantName, tenantEmail, unitLabel, propertyName, amountDue, dueDate, subject, text
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(leaseId, forKey: .leaseId)
            try c.encode(tenantName, forKey: .tenantName)
            try c.encode(tenantEmail, forKey: .tenantEmail)
            try c.encode(unitLabel, forKey: .unitLabel)
            try c.encode(propertyName, forKey: .propertyName)
            try c.encode(amountDue, forKey: .amountDue)
            try c.encode(dueDate, forKey: .dueDate)
            try c.encode(subject, forKey: .subject)
            try c.encode(text, forKey: .text)
        }
    }

    /// What a preview shows, or what was queued.
    struct Batch: Encodable {
        let count: Int
        let recipients: [Recipient]
    }

    /// The automatic occasions: days from the due day, earliest first.
    struct Occasions: Encodable {
        let occasions: [Int]
    }

    /// One line of the log.
    struct LogLine: Encodable {
        let createdAt: String
        /// `manual`, `automatic`, `to_landlord` or `to_tenant`.
        let kind: String
        let leaseId: Int64
        let tenantName: String
        let unitLabel: String
        let propertyName: String
        let subject: String
        /// The email's `queued`, `sent` or `failed`.
        let delivery: String
        let attempts: Int
        let sentAt: String?

        init(_ entry: ReminderLogEntry, _ say: Wording) {
            createdAt = APIJSON.instant(entry.createdAt)
            kind = entry.kind.rawValue
            leaseId = entry.leaseID.raw
            tenantName = entry.tenantName
            unitLabel = entry.unitLabel
            propertyName = entry.propertyName
            subject = entry.subject(say)
            delivery = entry.status
            attempts = entry.attempts
            sentAt = entry.sentAt.map(APIJSON.instant)
        }

        private enum CodingKeys: String, CodingKey {
            case createdAt, kind, leaseId, tenantName, unitLabel, propertyName, subject, delivery, attempts, sentAt
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(kind, forKey: .kind)
            try c.encode(leaseId, forKey: .leaseId)
            try c.encode(tenantName, forKey: .tenantName)
            try c.encode(unitLabel, forKey: .unitLabel)
            try c.encode(propertyName, forKey: .propertyName)
            try c.encode(subject, forKey: .subject)
            try c.encode(delivery, forKey: .delivery)
            try c.encode(attempts, forKey: .attempts)
            try c.encode(sentAt, forKey: .sentAt)
        }
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/reminders", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            let entries = try ReminderLogStore(db: context.db).entries(
                landlord: try caller.landlord(), offset: page.offset, limit: page.perPage)
            return APIJSON.response(page.list(fetched: entries) { LogLine($0, context.say) })
        }
        router.api("POST", "/landlord/reminders/preview", access: .landlord) { request, caller, context in
            let recipients = try recipients(request, caller, context)
            return APIJSON.response(Batch(count: recipients.count, recipients: recipients.map(Recipient.init)))
        }
        router.api("POST", "/landlord/reminders", access: .landlord) { request, caller, context in
            let recipients = try recipients(request, caller, context)
            try ManualReminders(db: context.db, views: context.views, config: context.config).send(
                recipients, landlord: try caller.landlord(), key: OneTimeKey.read(request.headers["idempotency-key"]))
            return APIJSON.response(
                Batch(count: recipients.count, recipients: recipients.map(Recipient.init)), status: 201)
        }
        router.api("GET", "/landlord/reminders/settings", access: .landlord) { _, caller, context in
            APIJSON.response(
                Occasions(occasions: try ReminderStore(db: context.db).occasions(landlord: try caller.landlord())))
        }
        router.api("PUT", "/landlord/reminders/settings", access: .landlord) { request, caller, context in
            let landlord = try caller.landlord()
            let (typed, offsets) = ReminderSettingsForm.read(try occasionsForm(request))
            guard let offsets else {
                throw APIError.validation(["occasions": typed.errors.problems.sorted { $0.key < $1.key }[0].value])
            }
            try ReminderStore(db: context.db).saveOccasions(offsets, landlord: landlord)
            return APIJSON.response(Occasions(occasions: offsets))
        }
    }

    /// The tenants the body's target reaches, as the preview page finds them; 404 for
    /// another landlord's lease or property, 409 with the page's words when nobody can be reminded.
    private static func recipients(_ request: Request, _ caller: APICaller, _ context: AppContext) throws
        -> [ReminderRecipient]
    {
        let landlord = try caller.landlord()
        let target = try target(try APIBody(request))
        let reminders = ManualReminders(db: context.db, views: context.views, config: context.config)
        guard let found = try reminders.recipients(target, landlord: landlord, today: .nairobi()) else {
            throw APIError.notFound
        }
        switch found {
        case .success(let recipients): return recipients
        case .failure(let refusal): throw APIError.conflict(refusal.words)
        }
    }

    /// `{"lease_id": 1}` (one tenant, even one who owes nothing), `{"property_id": 2}` (its
    /// tenants who owe) or `{"arrears": true}` (every tenant who owes).
    private static func target(_ body: APIBody) throws -> ReminderTarget {
        if let text = body["lease_id"] {
            guard let id = LeaseID(segment: text) else {
                throw APIError.validation(["lease_id": Words("api.error.own_lease")])
            }
            return .lease(id)
        }
        if let text = body["property_id"] {
            guard let id = PropertyID(segment: text) else {
                throw APIError.validation(["property_id": Words("api.error.own_property")])
            }
            return .property(id)
        }
        if body["arrears"] == "true" { return .arrears }
        throw APIError.validation(["target": Words("api.error.remind_target")])
    }

    /// One value of the body's object: a list of occasions (each a number or a text), or anything else.
    private enum Field: Decodable {
        case list([String])
        case other

        init(from decoder: any Decoder) throws {
            guard var list = try? decoder.unkeyedContainer() else {
                self = .other
                return
            }
            var texts: [String] = []
            while !list.isAtEnd {
                if let number = try? list.decode(Int.self) {
                    texts.append(String(number))
                } else if let text = try? list.decode(String.self), !text.isEmpty {
                    texts.append(text)
                } else {
                    // Not a whole number or a text: skip it, and fail the form with a word the form uses.
                    _ = try? list.decode(Skipped.self)
                    texts.append("?")
                }
            }
            self = .list(texts)
        }
    }

    /// Consumes one value of any kind.
    private struct Skipped: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// `{"occasions": [-3, 0, "+5"]}` as the settings form's `occasion1`…`occasion5` fields.
    private static func occasionsForm(_ request: Request) throws -> FormData {
        guard request.contentType == "application/json" else {
            throw APIError.badRequest("api.error.json_expected")
        }
        let object: [String: Field]
        do {
            object = try JSONDecoder().decode([String: Field].self, from: Data(request.body))
        } catch {
            throw APIError.badRequest("api.error.json_object")
        }
        guard case .list(let texts) = object["occasions"] else {
            throw APIError.validation([
                "occasions": Words("api.error.occasions_list", ["slots": "\(ReminderSettingsForm.slots)"])
            ])
        }
        guard texts.count <= ReminderSettingsForm.slots else {
            throw APIError.validation([
                "occasions": Words("api.error.occasions_max", ["slots": "\(ReminderSettingsForm.slots)"])
            ])
        }
        return FormData(texts.enumerated().map { ("occasion\($0.offset + 1)", $0.element) })
    }
}
