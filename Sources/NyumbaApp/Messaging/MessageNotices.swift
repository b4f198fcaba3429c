/// A message between a tenant and their landlord, as its notice carries it: the landlord gets
/// it by email and on their notifications tab, the tenant by email; replies go to the sender.
struct MessageNotice {
    let tenantName: String
    let tenantEmail: String
    let landlordName: String
    let landlordEmail: String
    let unit: String
    let propertyName: String
    let subject: String
    let text: String
    let link: String

    init(_ lease: LeaseDetails, subject: String, text: String, link: String) {
        tenantName = lease.tenantName
        tenantEmail = lease.tenantEmail
        landlordName = lease.landlordName
        landlordEmail = lease.landlordEmail
        unit = lease.unitLabel
        propertyName = lease.propertyName
        self.subject = subject
        self.text = text
        self.link = link
    }
}

/// A tenant's message to their landlord.
struct MessageToLandlord: NoticeModel {
    static let kind = NoticeKind.messageToLandlord
    let message: MessageNotice

    /// The line names the sender and the subject; the text stays in `messages`, not copied here.
    var notificationParameters: Any {
        [
            "message": [
                "tenantName": message.tenantName, "unit": message.unit, "propertyName": message.propertyName,
                "subject": message.subject,
            ]
        ]
    }
}

/// A landlord's message to their tenant.
struct MessageToTenant: NoticeModel {
    static let kind = NoticeKind.messageToTenant
    let message: MessageNotice
}
