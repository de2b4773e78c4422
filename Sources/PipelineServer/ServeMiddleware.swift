import Foundation
import Hummingbird

/// Wraps every route: checks the bearer token, turns any error into a JSON error response, and records
/// each request's route, status and latency in the metrics, and whether its response was written in full.
struct ServeMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServeMetrics
    /// `Authorization: Bearer <token>` expected on every route but /healthz; nil: open.
    let token: [UInt8]?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        metrics.accept()
        var response: Response
        do {
            if let token, request.uri.path != "/healthz", !Self.authorized(request.headers[.authorization], token: token) {
                throw ServeError.unauthorized
            }
            response = try await next(request, context)
        } catch {
            let serveError = ServeError.from(error, path: request.uri.path)
            if ServeError.rejectionCodes.contains(serveError.code) { metrics.rejection(serveError.code) }
            response = try serveError.response(from: request, context: context)
        }
        let route = context.endpointPath.map { $0 == "NotFound" ? "unmatched" : $0 } ?? "unmatched"
        metrics.request(route: route, method: request.method.rawValue, status: response.status.code,
                        duration: ContinuousClock.now - started)
        // Returning the response is not writing it: the body goes out after this, and only then is the
        // request answered (a streamed batch may still fail half-way).
        let body = response.body
        let metrics = metrics
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            do {
                try await body.write(writer)
            } catch {
                metrics.finish(complete: false)
                throw error
            }
            metrics.finish(complete: true)
        }
        return response
    }

    /// Compares in time independent of where the tokens differ.
    static func authorized(_ header: String?, token: [UInt8]) -> Bool {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        let given = Array(header.utf8.dropFirst(7))
        var difference = UInt8(given.count == token.count ? 0 : 1)
        for i in 0..<token.count { difference |= token[i] ^ (i < given.count ? given[i] : 0) }
        return difference == 0
    }
}
