import CFastCGI
import Glibc
import Locking

/// One worker thread: accepts a connection, reads the request, asks its handler, writes
/// the answer, and starts over until the server stops.
final class Worker: @unchecked Sendable {
    private let index: Int
    private let socket: Int32
    private let limits: FastCGILimits
    private let state: ServerState
    private let makeHandler: @Sendable (Int) -> any FastCGIHandler

    init(
        index: Int, socket: Int32, limits: FastCGILimits, state: ServerState,
        makeHandler: @escaping @Sendable (Int) -> any FastCGIHandler
    ) {
        self.index = index
        self.socket = socket
        self.limits = limits
        self.state = state
        self.makeHandler = makeHandler
    }

    /// Starts the thread; the caller joins it.
    func start() throws -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(
            &thread, nil,
            { context in
                let worker = Unmanaged<Worker>.fromOpaque(context!).takeRetainedValue()
                worker.acceptLoop()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Worker>.fromOpaque(context).release()
            throw FastCGIError.threadFailed(result)
        }
        return thread
    }

    private func acceptLoop() {
        ThreadName.set("fcgi-\(index)")
        let handler = makeHandler(index)
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        FCGX_InitRequest(request, socket, 0)
        while !state.isStopping, FCGX_Accept_r(request) >= 0 {
            let response = handler.respond(to: read(request.pointee))
            write(response, to: request.pointee.out)
            FCGX_Finish_r(request)
        }
        FCGX_Free(request, 1)
    }

    private func read(_ raw: FCGX_Request) -> FastCGIRequest {
        var params: [String: String] = [:]
        var paramBytes = 0
        if var entry = raw.envp {
            while let pointer = entry.pointee {
                let length = strlen(pointer)
                paramBytes += length
                let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
                if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                    let name = String(decoding: bytes[..<equals], as: UTF8.self)
                    params[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
                }
                entry += 1
            }
        }
        if paramBytes > limits.maxParamBytes {
            return FastCGIRequest(params: params, limitExceeded: .params)
        }
        let declaredLength = params["CONTENT_LENGTH"].flatMap { Int($0) } ?? 0
        if declaredLength > limits.maxBodyBytes {
            return FastCGIRequest(params: params, limitExceeded: .body)
        }
        guard declaredLength > 0 else { return FastCGIRequest(params: params) }
        let body = [UInt8](unsafeUninitializedCapacity: declaredLength) { buffer, count in
            count = 0
            while count < declaredLength {
                let read = buffer.baseAddress!.advanced(by: count).withMemoryRebound(
                    to: CChar.self, capacity: declaredLength - count
                ) { FCGX_GetStr($0, Int32(declaredLength - count), raw.in) }
                if read <= 0 { break }
                count += Int(read)
            }
        }
        return FastCGIRequest(params: params, body: body)
    }

    private func write(_ response: FastCGIResponse, to stream: UnsafeMutablePointer<FCGX_Stream>?) {
        // With a length, nginx passes the body on as is instead of re-chunking it.
        var head = "Status: \(response.status)\r\nContent-Length: \(response.body.count)\r\n"
        for (name, value) in response.headers where !name.elementsEqual("Content-Length") {
            head += name
            head += ": "
            head += value
            head += "\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: response.body)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                _ = FCGX_PutStr($0.baseAddress, Int32($0.count), stream)
            }
        }
    }
}
