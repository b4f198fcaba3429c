import Foundation
import Glibc

/// Reads one request from an accepted socket, answers it and closes the socket.
struct HTTPConnection {
    let fd: Int32
    let handler: SimpleHTTPServer.Handler

    func serve() {
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let response: SimpleHTTPResponse
        switch read() {
        case .success(let request): response = handler(request)
        case .failure(let error): response = .json(error.status, #"{"error":"\#(error.message)"}"#)
        }
        write(response)
        shutdown(fd, Int32(SHUT_WR))
    }

    private struct Failure: Error {
        let status: Int
        let message: String
    }

    private func read() -> Result<SimpleHTTPRequest, Failure> {
        var buffer: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count < SimpleHTTPServer.maximumRequest else {
                return .failure(Failure(status: 413, message: "request too large"))
            }
            guard receive(into: &buffer) else { return .failure(Failure(status: 400, message: "incomplete request")) }
            headEnd = find([13, 10, 13, 10], in: buffer)
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .failure(Failure(status: 400, message: "bad request line"))
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(Failure(status: 400, message: "bad header"))
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[line[..<colon].lowercased()] = value
        }
        if headers["transfer-encoding"] != nil { return .failure(Failure(status: 411, message: "send Content-Length")) }
        let length = Int(headers["content-length"] ?? "0") ?? -1
        let bodyStart = headEnd! + 4
        guard length >= 0 else { return .failure(Failure(status: 400, message: "bad Content-Length")) }
        guard bodyStart + length <= SimpleHTTPServer.maximumRequest else {
            return .failure(Failure(status: 413, message: "request too large"))
        }
        while buffer.count < bodyStart + length {
            guard receive(into: &buffer) else { return .failure(Failure(status: 400, message: "incomplete body")) }
        }
        let target = String(requestLine[1])
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return .success(
            SimpleHTTPRequest(
                method: String(requestLine[0]), path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
                headers: headers, body: Array(buffer[bodyStart..<(bodyStart + length)])))
    }

    /// Appends what the peer sent next; false at end of stream, on error or timeout.
    private func receive(into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return true
            }
            if count < 0, errno == EINTR { continue }
            return false
        }
    }

    private func write(_ response: SimpleHTTPResponse) {
        let head =
            "HTTP/1.1 \(response.status) \(response.reason)\r\nContent-Type: \(response.contentType)\r\n"
            + "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + response.body
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
