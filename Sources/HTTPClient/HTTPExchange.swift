import CCurl

/// Why an exchange got no usable answer.
public enum HTTPExchangeError: Error, Sendable {
    /// No HTTP answer came back (connect failure, timeout, TLS), or libcurl could not be set up.
    case transport(String)
    /// The answer was larger than the exchange accepts.
    case tooLarge(Int)
}

/// One HTTP request over its own libcurl easy handle; not shared between threads. The
/// generic part of the Daraja and SMS clients (each turns its errors into their own).
public final class HTTPExchange {
    /// curl_global_init, once per process (shared with other modules through CCurl).
    private static let globalInit: CURLcode = ccurl_global_init_once()
    /// Answers larger than this are cut off with an error (the APIs spoken here answer a few
    /// hundred bytes).
    public static let maximumResponse = 1 << 20

    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    fileprivate var received: [UInt8] = []
    fileprivate var overflowed = false

    /// A fresh easy handle.
    public init() throws(HTTPExchangeError) {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw .transport("libcurl could not start")
        }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// GETs `url` (no `body`) or POSTs `body` to it; returns the HTTP status and answer.
    /// Throws `.transport` when no HTTP answer came back (connect failure, timeout, TLS).
    public func perform(
        url: String, headers: [String], body: [UInt8]?, connectTimeout: Duration, timeout: Duration
    ) throws(HTTPExchangeError) -> (status: Int, body: [UInt8]) {
        try set(CURLOPT_URL, url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        try setHeaders(headers)
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_setopt_write_function(handle, curlWrite), CURLOPT_WRITEFUNCTION)
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), CURLOPT_WRITEDATA)
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)

        if let body {
            try set(CURLOPT_POST, 1)
            try set(CURLOPT_POSTFIELDSIZE, body.count)
            // COPYPOSTFIELDS copies the bytes (POSTFIELDSIZE set first, so the length is known).
            let copied = body.withUnsafeBytes { bytes in
                guard let start = bytes.baseAddress else {
                    return ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                }
                return ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: start))
            }
            try check(copied, CURLOPT_COPYPOSTFIELDS)
        } else {
            try set(CURLOPT_HTTPGET, 1)
        }
        let code = withExtendedLifetime(self) { curl_easy_perform(handle) }
        if overflowed { throw .tooLarge(Self.maximumResponse) }
        guard code == CURLE_OK else { throw .transport("\(url): \(errorText(code))") }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return (status, received)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPExchangeError) {
        try check(ccurl_setopt_long(handle, option, value), option)
    }

    private func set(_ option: CURLoption, _ value: String) throws(HTTPExchangeError) {
        try check(ccurl_setopt_string(handle, option, value), option)
    }

    private func setHeaders(_ headers: [String]) throws(HTTPExchangeError) {
        for header in headers {
            guard let appended = curl_slist_append(headerList, header) else { throw .transport("out of memory") }
            headerList = appended
        }
        // Without this libcurl sends "Expect: 100-continue" on larger POSTs and waits for it.
        guard let appended = curl_slist_append(headerList, "Expect:") else { throw .transport("out of memory") }
        headerList = appended
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), CURLOPT_HTTPHEADER)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPExchangeError) {
        guard code == CURLE_OK else {
            throw .transport("libcurl option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func errorText(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    fileprivate func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard received.count + bytes.count <= Self.maximumResponse else {
            overflowed = true
            return false
        }
        received.append(contentsOf: bytes)
        return true
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// CURLOPT_WRITEFUNCTION: collects the answer; returning less than given aborts the transfer.
private func curlWrite(
    data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let exchange = Unmanaged<HTTPExchange>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return 0 }
    return exchange.append(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}
