import CCurl

/// One libcurl easy handle for one SMTP exchange; not shared between threads.
final class CurlSession {
    /// curl_global_init, once per process, before the first handle (pthread_once in CCurl,
    /// so other modules using `ccurl_global_init_once` share the same single call).
    private static let globalInit: CURLcode = ccurl_global_init_once()

    private let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// The server's last 4xx/5xx reply line (for error messages; a later "221 Bye" to
    /// QUIT must not hide it).
    fileprivate(set) var lastErrorReply = ""
    /// Bytes still to upload and how far the read callback has come.
    fileprivate var upload: [UInt8] = []
    fileprivate var uploadOffset = 0

    init() throws(MailError) {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw .transport(
                code: Int(CURLE_FAILED_INIT.rawValue), message: "libcurl could not start", permanent: false)
        }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(MailError) {
        try check(ccurl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(MailError) {
        // libcurl copies string options (since 7.17), so a temporary C string is fine.
        try check(ccurl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, list values: [String]) throws(MailError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                curl_slist_free_all(list)
                throw .transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory", permanent: false)
            }
            list = appended
        }
        if let list { lists.append(list) }
        try check(ccurl_setopt_slist(handle, option, list), option)
    }

    /// Uploads `bytes` as the request body (SMTP DATA) and performs the transfer.
    /// Returns the curl result and the last SMTP reply code.
    func perform(uploading bytes: [UInt8]) throws(MailError) -> (code: CURLcode, reply: Int) {
        upload = bytes
        uploadOffset = 0
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_UPLOAD, 1)
        try set(CURLOPT_INFILESIZE_LARGE, bytes.count)  // curl_off_t is long on 64-bit Linux
        try check(ccurl_setopt_read_function(handle, curlRead), CURLOPT_READFUNCTION)
        try check(ccurl_setopt_pointer(handle, CURLOPT_READDATA, context), CURLOPT_READDATA)
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
        try set(CURLOPT_VERBOSE, 1)  // only feeds curlDebug below; nothing is printed
        try check(ccurl_setopt_debug_function(handle, curlDebug), CURLOPT_DEBUGFUNCTION)
        try check(ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context), CURLOPT_DEBUGDATA)
        let code = withExtendedLifetime(self) { curl_easy_perform(handle) }
        var reply = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        return (code, reply)
    }

    /// libcurl's own detail for the last failure, or its generic text for `code`.
    func errorText(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(MailError) {
        guard code == CURLE_OK else {
            let text = String(cString: curl_easy_strerror(code))
            throw .transport(
                code: Int(code.rawValue), message: "libcurl option \(option.rawValue): \(text)", permanent: false)
        }
    }

    fileprivate func takeUpload(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    fileprivate func noteServerLine(_ text: String) {
        let line = text.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }).last
        if let line, line.first == "4" || line.first == "5" { lastErrorReply = String(line) }
    }
}

/// CURLOPT_READFUNCTION: hands libcurl the next slice of the message. libcurl itself
/// dot-stuffs lines starting with "." and appends the final CRLF.CRLF.
private func curlRead(
    buffer: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return 0 }
    let session = Unmanaged<CurlSession>.fromOpaque(context).takeUnretainedValue()
    return session.takeUpload(into: buffer, capacity: size * count)
}

/// CURLOPT_DEBUGFUNCTION: keeps the server's latest error reply; ignores everything else
/// (what we send includes the AUTH exchange, which must never reach a log).
private func curlDebug(
    handle: UnsafeMutableRawPointer?, type: curl_infotype, data: UnsafeMutablePointer<CChar>?, size: Int,
    context: UnsafeMutableRawPointer?
) -> Int32 {
    guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
    let session = Unmanaged<CurlSession>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    session.noteServerLine(String(decoding: bytes, as: UTF8.self))
    return 0
}
