import Foundation
import Hummingbird
import PipelineKit

/// Every error the service answers with: a status and a JSON body that names the cause and the fix.
///
/// ```json
/// {"error": {"status": 413, "code": "too_large", "message": "the body is over max_document_size ..."}}
/// ```
/// A step's failure also names the step (`"step": "extract-quotes"`).
public struct ServeError: HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// A stable, machine-readable name for the cause: `too_large`, `bad_json`, `queue_full`, ...
    public var code: String
    public var message: String
    /// The pipeline step at fault, for 422 and 504.
    public var step: String?
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, step: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.step = step
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// `{"error": {...}}`, the body of an error response; a failed line of a batch adds its line number
    /// and the document's id: `{"line": 3, "id": "a3", "error": {...}}`.
    public func json(line: Int? = nil, id: String? = nil) -> [UInt8] {
        var w = DocumentJSON.Writer()
        w.raw("{")
        if let line {
            w.raw("\"line\":")
            w.int(line)
            w.raw(",")
        }
        if let id {
            w.raw("\"id\":")
            w.string(id)
            w.raw(",")
        }
        w.raw("\"error\":{\"status\":")
        w.int(status.code)
        w.raw(",\"code\":")
        w.string(code)
        w.raw(",\"message\":")
        w.string(message)
        if let step {
            w.raw(",\"step\":")
            w.string(step)
        }
        w.raw("}}")
        return w.bytes
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json() + [0x0A])))
    }

    /// Causes counted as rejections in the metrics: the request was turned away before annotation.
    static let rejectionCodes: Set<String> = ["too_large", "unsupported_type", "bad_json", "queue_full", "unauthorized", "shutting_down"]

    // The causes, one constructor each, so every message says what to do.

    static func tooLarge(limit: Int) -> ServeError {
        ServeError(.contentTooLarge, "too_large",
                   "the body is over max_document_size (\(limit) bytes); send a smaller document or raise settings.max_document_size")
    }

    static func unsupportedType(_ type: String?) -> ServeError {
        ServeError(.unsupportedMediaType, "unsupported_type",
                   "Content-Type \(type.map { "'\($0)'" } ?? "is missing"); send text/plain, text/html, text/markdown or application/json ({\"id\", \"text\"} or {\"id\", \"html\"})")
    }

    static func badJSON(_ why: String) -> ServeError {
        ServeError(.badRequest, "bad_json", why)
    }

    static func queueFull(inFlight: Int, retryAfter: Int) -> ServeError {
        var error = ServeError(.serviceUnavailable, "queue_full",
                               "\(inFlight) requests are in flight, the most this server queues (--jobs + --queue); retry after \(retryAfter) s")
        error.headers[.retryAfter] = String(retryAfter)
        return error
    }

    static func stepFailed(_ failure: Annotator.Failure) -> ServeError {
        if failure.timedOut {
            return ServeError(.gatewayTimeout, "step_timeout", failure.reason, step: failure.step)
        }
        return ServeError(.unprocessableContent, "step_failed", failure.reason, step: failure.step)
    }

    static let unauthorized: ServeError = {
        var error = ServeError(.unauthorized, "unauthorized",
                               "this server needs 'Authorization: Bearer <token>' (the token given to pipeline serve with --token or PIPELINE_TOKEN)")
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }()

    static let shuttingDown = ServeError(.serviceUnavailable, "shutting_down", "the server is shutting down; retry on another instance")

    /// Any other error, such as the router's 404, as a JSON error.
    static func from(_ error: any Error, path: String) -> ServeError {
        if let error = error as? ServeError { return error }
        if let error = error as? HTTPError {
            switch error.status {
            case .notFound:
                return ServeError(.notFound, "not_found", "no route \(path); the routes are listed at /openapi.json")
            case .methodNotAllowed:
                return ServeError(.methodNotAllowed, "method_not_allowed", "\(path) does not take this method; see /openapi.json")
            case .contentTooLarge:
                return ServeError(.contentTooLarge, "too_large", error.body ?? "the body is too large")
            default:
                return ServeError(error.status, "http_error", error.body ?? error.status.reasonPhrase)
            }
        }
        if let error = error as? any HTTPResponseError {
            return ServeError(error.status, "http_error", String(describing: error))
        }
        return ServeError(.internalServerError, "internal", "internal error: \(error)")
    }
}
