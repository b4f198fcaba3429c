import HTTPClient

/// Plain JSON-over-HTTP calls through libcurl, as the client makes them (also used by the
/// simulator to deliver callbacks, and usable to replay a stored callback).
public enum DarajaHTTP {
    /// POSTs `body` with `Content-Type: application/json`; returns the HTTP status and answer.
    public static func postJSON(
        _ body: [UInt8], to url: String, headers: [String] = [], connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(15)
    ) throws(DarajaError) -> (status: Int, body: [UInt8]) {
        do throws(HTTPExchangeError) {
            return try HTTPExchange().perform(
                url: url, headers: ["Content-Type: application/json"] + headers, body: body,
                connectTimeout: connectTimeout, timeout: timeout)
        } catch {
            throw DarajaError(error)
        }
    }

    /// GETs `url`; returns the HTTP status and answer.
    public static func get(
        _ url: String, headers: [String] = [], connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(15)
    ) throws(DarajaError) -> (status: Int, body: [UInt8]) {
        do throws(HTTPExchangeError) {
            return try HTTPExchange().perform(
                url: url, headers: headers, body: nil, connectTimeout: connectTimeout, timeout: timeout)
        } catch {
            throw DarajaError(error)
        }
    }
}

extension DarajaError {
    /// No usable answer came back: a transport failure, or an answer too large to be Daraja's.
    init(_ error: HTTPExchangeError) {
        switch error {
        case .transport(let message): self = .transport(message)
        case .tooLarge(let limit): self = .malformedResponse(.tooLarge(limit: limit))
        }
    }
}
