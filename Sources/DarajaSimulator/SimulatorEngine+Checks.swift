import Daraja
import Foundation

/// A request refused with Daraja's answer.
struct Refusal: Error {
    let response: SimpleHTTPResponse
    init(_ response: SimpleHTTPResponse) { self.response = response }
}

extension SimulatorEngine {
    /// The JSON body of an authorised Daraja POST, or the error Daraja would give.
    func darajaBody(_ request: SimpleHTTPRequest) throws(Refusal) -> [String: Any] {
        guard authorized(request) else { throw Refusal(error(404, "404.001.03", "Invalid Access Token")) }
        // Daraja's misleading answer to a wrong content type.
        guard request.header("content-type")?.lowercased().hasPrefix("application/json") == true else {
            throw Refusal(invalid("BusinessShortCode"))
        }
        guard let body = SimJSON.object(request.body) else { throw Refusal(invalid("JSON")) }
        return body
    }

    /// Checks BusinessShortCode, Timestamp and Password; returns the shortcode.
    func checkCredentials(_ body: [String: Any], now: Date = Date()) throws(Refusal) -> String {
        guard let shortcode = SimJSON.digits(body["BusinessShortCode"]), (5...7).contains(shortcode.count) else {
            throw Refusal(invalid("BusinessShortCode"))
        }
        guard let timestamp = body["Timestamp"] as? String ?? SimJSON.digits(body["Timestamp"]),
            Self.isTimestamp(timestamp, near: now)
        else { throw Refusal(invalid("Timestamp")) }
        let expected = DarajaPassword.password(shortcode: shortcode, passkey: passkey, timestamp: timestamp)
        guard body["Password"] as? String == expected else { throw Refusal(invalid("Password")) }
        return shortcode
    }

    /// 14 digits forming a plausible date, within ±5 minutes of `now` in East Africa Time.
    /// Same-width digit strings compare like the instants they stand for.
    static func isTimestamp(_ text: String, near now: Date) -> Bool {
        let digits = Array(text.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let field = { (start: Int, length: Int) in
            Int(String(decoding: digits[start..<(start + length)], as: UTF8.self))!
        }
        guard (1...12).contains(field(4, 2)), (1...31).contains(field(6, 2)), field(8, 2) < 24, field(10, 2) < 60,
            field(12, 2) < 60
        else { return false }
        let earliest = DarajaPassword.timestamp(now.addingTimeInterval(-300))
        let latest = DarajaPassword.timestamp(now.addingTimeInterval(300))
        return earliest <= text && text <= latest
    }

    /// `254` + `7` or `1` + 8 digits.
    static func isPhone(_ value: String?) -> Bool {
        guard let value, value.count == 12, value.hasPrefix("2547") || value.hasPrefix("2541") else { return false }
        return value.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A whole-shilling amount 1…250,000 given as a number or a string of digits.
    static func amount(_ value: Any?) -> Int? {
        guard let digits = SimJSON.digits(value), let amount = Int(digits), (1...250_000).contains(amount) else {
            return nil
        }
        return amount
    }
}
