import FastCGI
import Glibc

/// Turns FastCGI requests into `Request`s, routes them to handlers with the worker's
/// context, turns thrown errors into responses in one place, and logs one line per request.
public final class WebResponder<Context>: FastCGIHandler {
    /// Turns an error thrown while answering `request` into a response.
    public typealias ErrorResponder = (any Error, Request) -> Response

    private let router: Router<Context>
    private let context: Context
    private let errorResponse: ErrorResponder
    private let redaction: LogRedaction
    private let prepare: (Request, Context) -> Void

    /// Creates the responder of one worker thread; request lines leave out what `redaction` names,
    /// and `prepare` sees each request (and the context) before it is routed, so that an error
    /// answer too can use what it sets (path parameters are not known yet).
    public init(
        router: Router<Context>, context: Context, redaction: LogRedaction = .none,
        prepare: @escaping (Request, Context) -> Void = { _, _ in },
        errorResponse: @escaping ErrorResponder
    ) {
        self.router = router
        self.prepare = prepare
        self.context = context
        self.redaction = redaction
        self.errorResponse = errorResponse
    }

    public func respond(to raw: FastCGIRequest) -> FastCGIResponse {
        let started = Self.monotonicNanoseconds()
        var logged = (method: raw.params["REQUEST_METHOD"] ?? "-", path: raw.params["DOCUMENT_URI"] ?? "-")
        let response: Response
        do {
            var request = try Request(raw)
            logged.path = request.path
            prepare(request, context)
            do {
                response = try handle(&request, limitExceeded: raw.limitExceeded)
            } catch let error as AmendedError {
                var amended = errorResponse(error.underlying, request)
                error.amend(&amended)
                response = amended
            } catch {
                response = errorResponse(error, request)
            }
        } catch {
            let placeholder = Request(method: logged.method, path: logged.path)
            prepare(placeholder, context)
            response = errorResponse(error, placeholder)
        }
        let micros = (Self.monotonicNanoseconds() - started) / 1000
        let id = raw.params["REQUEST_ID"] ?? "-"
        Log.request("\(id) \(logged.method) \(redaction.redact(logged.path)) \(response.status) \(micros)us")
        return response.fastCGI
    }

    private func handle(_ request: inout Request, limitExceeded: FastCGILimits.Exceeded?) throws -> Response {
        switch limitExceeded {
        case .body: throw HTTPError.payloadTooLarge
        case .params: throw HTTPError.headersTooLarge
        case nil: break
        }
        switch router.match(method: request.method, path: request.path) {
        case .found(let handler, let parameters):
            request.parameters = parameters
            return try handler(request, context)
        case .methodNotAllowed:
            throw HTTPError.methodNotAllowed
        case .notFound:
            throw HTTPError.notFound
        }
    }

    private static func monotonicNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }
}
