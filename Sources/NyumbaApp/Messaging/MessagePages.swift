/// The view model of `messages/tenant.mustache` and `messages/landlord.mustache`: the
/// form, then the conversation, newest first.
struct MessagePage {
    /// One message as shown.
    struct Line {
        let date: String
        let from: String
        let subject: String
        let body: String
    }

    let layout: Layout
    /// The other party: the landlord for a tenant, the tenant for a landlord.
    let otherName: String
    let leaseID: String
    /// Where the form posts.
    let formAction: String
    let unit: String
    let formSubject: String
    let formText: String
    /// The form's one-time key: sent twice, the message goes once.
    let key: String
    let errors: [String: String]
    let alert: String?
    let canWrite: Bool
    let lines: [Line]
    let hasLines: Bool

    init(
        layout: Layout, lease: LeaseDetails?, reader: MessageDirection, form: MessageForm, alert: String?,
        messages: [StoredMessage]
    ) {
        self.layout = layout
        let readerIsTenant = reader == .toTenant
        otherName = (readerIsTenant ? lease?.landlordName : lease?.tenantName) ?? ""
        leaseID = lease?.id.description ?? ""
        formAction = readerIsTenant ? "/tenant/messages" : "/landlord/leases/\(leaseID)/message"
        unit = lease.map { "\($0.unitLabel), \($0.propertyName)" } ?? ""
        formSubject = form.subject
        formText = form.text
        key = form.key ?? OneTimeKey.fresh()
        errors = layout.say(form.errors)
        self.alert = alert
        canWrite = lease != nil
        lines = messages.map { message in
            let mine = (message.direction == .toLandlord) == readerIsTenant
            let other = layout.say(readerIsTenant ? "msg.from.landlord" : "msg.from.tenant")
            return Line(
                date: layout.say.dateTime(message.createdAt), from: mine ? layout.say("msg.from.you") : other,
                subject: message.subject,
                body: message.body)
        }
        hasLines = !messages.isEmpty
    }
}
