import Crypto
import SMS
import Web

/// `POST /sms/reports/<token>`: Africa's Talking's delivery reports. Not a page (no session,
/// no CSRF): the secret token in the path is the only credential (`NYUMBA_SMS_REPORT_TOKEN`),
/// since the gateway does not sign. A report is form-encoded or JSON; it records delivered or
/// failed on its SMS's outbox row.
enum DeliveryReportRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.post("/sms/reports/:token") { request, context in try receive(request, context) }
    }

    private static func receive(_ request: Request, _ context: AppContext) throws -> Response {
        guard let expected = context.config.sms.reportToken, let token = request.parameters["token"],
            constantTimeEquals(Array(token.utf8), Array(expected.utf8))
        else { throw HTTPError.notFound }
        guard request.body.count <= SMSDeliveryReport.maximumBody else { throw HTTPError.payloadTooLarge }
        let report: SMSDeliveryReport
        do {
            report =
                request.contentType == "application/json"
                ? try SMSDeliveryReport.parse(jsonBody: request.body)
                : try SMSDeliveryReport.parse(formBody: request.body)
        } catch {
            Log.warning("sms: delivery report from \(request.remoteAddress) refused: \(error.description)")
            throw HTTPError.badRequest("sms.report_invalid")
        }
        if try !SMSStore(db: context.db).record(report) {
            Log.warning("sms: delivery report for an unknown message \(report.messageID.prefix(100))")
        }
        return .text("OK")
    }
}
