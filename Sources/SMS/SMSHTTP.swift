import HTTPClient

/// A plain form POST through libcurl, as the Africa's Talking transport makes it (also used
/// by the simulator to deliver delivery reports, and usable to replay a stored report).
public enum SMSHTTP {
    /// POSTs `fields` form-encoded; returns the HTTP status and answer. Throws `.transport`
    /// when no HTTP answer came back.
    public static func postForm(
        _ fields: [(String, String)], to url: String, headers: [String] = [], connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(20)
    ) throws(SMSError) -> (status: Int, body: [UInt8]) {
        do throws(HTTPExchangeError) {
            return try HTTPExchange().perform(
                url: url, headers: headers + ["Content-Type: application/x-www-form-urlencoded"],
                body: Array(SMSForm.encode(fields).utf8), connectTimeout: connectTimeout, timeout: timeout)
        } catch {
            switch error {
            case .transport(let message): throw .transport(message)
            case .tooLarge(let limit): throw .malformedResponse("answer larger than \(limit) bytes")
            }
        }
    }
}
