import Export
import Foundation
import Hummingbird
import PipelineKit

/// The HTTP routes of `pipeline serve`; docs/serve.md describes them and `GET /openapi.json` lists them
/// (a test keeps the two in step).
///
/// ```swift
/// let router = ServeRoutes.router(for: service)
/// ```
public enum ServeRoutes {
    typealias Handler = @Sendable (Request, AnnotationService) async throws -> Response

    /// Every route: the router registers exactly these, and a test checks them against /openapi.json.
    static let table: [(method: HTTPRequest.Method, path: String, handler: Handler)] = [
        (.get, "/", { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: AnnotationPage.contentSecurityPolicy],
                     body: .init(byteBuffer: ByteBuffer(string: AnnotationPage.html)))
        }),
        (.get, "/healthz", { _, _ in ServeRoutes.json(Array(#"{"status":"ok"}"#.utf8)) }),
        (.get, "/metrics", { _, service in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: service.metrics.exposition())))
        }),
        (.get, "/openapi.json", { _, _ in ServeRoutes.json(Array(OpenAPIDocument.json.utf8)) }),
        (.get, "/v1/pipeline", { _, service in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return ServeRoutes.json(Array(try encoder.encode(service.describe())))
        }),
        (.post, "/v1/annotate", { request, service in try await ServeRoutes.annotate(request, service: service) }),
        (.post, "/v1/annotate/batch", { request, service in try ServeRoutes.batch(request, service: service) }),
    ]

    /// The routes as (method, path), in the OpenAPI document's terms.
    public static var all: [(method: String, path: String)] { table.map { ($0.method.rawValue, $0.path) } }

    public static func router(for service: AnnotationService) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ServeMiddleware(metrics: service.metrics, token: service.options.token.map { Array($0.utf8) }))
        for route in table {
            let handler = route.handler
            router.on(RouterPath(route.path), method: route.method, use: { request, _ in try await handler(request, service) })
        }
        return router
    }

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `POST /v1/annotate`: one document in; the document in the export JSON schema out, or with
    /// `Accept: text/html` the HTML report's view of it (what the page shows).
    static func annotate(_ request: Request, service: AnnotationService) async throws -> Response {
        var request = request
        let contentType = request.headers[.contentType]
        guard let type = contentType.map(IncomingDocument.mediaType), IncomingDocument.types.contains(type)
                || ["application/xhtml+xml", "text/x-markdown"].contains(type) else {
            throw ServeError.unsupportedType(contentType)
        }
        let limit = service.maxDocumentBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw ServeError.tooLarge(limit: limit) }
        try service.admit()
        defer { service.leave() }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServeError.tooLarge(limit: limit)
        }
        let id = request.uri.queryParameters["id"].map(String.init)
        let document = try IncomingDocument.make(body: Array(body.readableBytesView), contentType: contentType, id: id,
                                                 fallbackID: service.nextID())
        let annotated = try await service.annotate(document).get()
        if let accept = request.headers[.accept], accept.contains("text/html") {
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: try DocumentHTML.article(annotated))))
        }
        return json(try service.json(annotated))
    }

    /// `POST /v1/annotate/batch`: JSON Lines in (one `{"id", "text"}` or `{"id", "html"}` object a line),
    /// JSON Lines out, one line per input line in input order, written as each is ready. A line that
    /// fails gives `{"line": n, "id": ..., "error": {...}}` and the batch goes on.
    static func batch(_ request: Request, service: AnnotationService) throws -> Response {
        let contentType = request.headers[.contentType]
        guard let type = contentType.map(IncomingDocument.mediaType),
              ["application/x-ndjson", "application/jsonl", "application/json", "application/x-jsonlines"].contains(type) else {
            throw ServeError(.unsupportedMediaType, "unsupported_type",
                             "Content-Type \(contentType.map { "'\($0)'" } ?? "is missing"); send application/x-ndjson: one JSON object a line")
        }
        try service.admit()
        let body = request.body
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: ResponseBody { writer in
            defer { service.leave() }
            try await service.batch(body, into: &writer)
            try await writer.finish(nil)
        })
    }
}

extension AnnotationService {
    /// Annotates the lines of `body` with up to `jobs` at once and writes the answers in input order.
    func batch(_ body: RequestBody, into writer: inout any ResponseBodyWriter) async throws {
        let window = max(2, queue.jobs * 2)
        var lines = LineSplitter(maxLineBytes: maxDocumentBytes)
        try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            var submitted = 0
            var written = 0
            var ready: [Int: [UInt8]] = [:]

            func submit(_ line: LineSplitter.Line) {
                let sequence = submitted
                submitted += 1
                group.addTask { (sequence, await self.batchLine(line)) }
            }
            func collect(_ writer: inout any ResponseBodyWriter) async throws {
                guard let (sequence, answer) = try await group.next() else { return }
                ready[sequence] = answer
                var out: [UInt8] = []
                while let next = ready.removeValue(forKey: written) {
                    out += next
                    written += 1
                }
                if !out.isEmpty { try await writer.write(ByteBuffer(bytes: out)) }
            }

            for try await buffer in body {
                for line in lines.feed(buffer.readableBytesView) {
                    submit(line)
                    while submitted - written >= window { try await collect(&writer) }
                }
            }
            if let last = lines.finish() { submit(last) }
            while written < submitted { try await collect(&writer) }
        }
    }

    /// One line of a batch: the document's JSON, or its error, then a newline.
    func batchLine(_ line: LineSplitter.Line) async -> [UInt8] {
        let fallbackID = String(line.number)
        var answer: [UInt8]
        if line.tooLong {
            answer = ServeError.tooLarge(limit: maxDocumentBytes).json(line: line.number)
            metrics.rejection("too_large")
        } else {
            do throws(ServeError) {
                let document = try IncomingDocument.json(line.bytes, id: fallbackID)
                switch await annotate(document) {
                case .success(let annotated):
                    do {
                        answer = try json(annotated)
                    } catch {
                        answer = ServeError(.internalServerError, "internal", "cannot encode the document: \(error)").json(line: line.number, id: annotated.id)
                    }
                case .failure(let error):
                    answer = error.json(line: line.number, id: document.id)
                }
            } catch {
                metrics.rejection(error.code)
                answer = error.json(line: line.number)
            }
        }
        answer.append(0x0A)
        return answer
    }
}

/// Splits a byte stream into lines (LF or CRLF), skipping blank ones, numbering them from 1, and
/// marking a line over the limit instead of holding it.
struct LineSplitter {
    struct Line: Sendable {
        var number: Int
        var bytes: [UInt8]
        var tooLong: Bool
    }

    let maxLineBytes: Int
    private var current: [UInt8] = []
    private var overflow = false
    private var number = 0

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    mutating func feed<C: Collection<UInt8>>(_ bytes: C) -> [Line] {
        var lines: [Line] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            append(bytes[start..<newline])
            if let line = take() { lines.append(line) }
            start = bytes.index(after: newline)
        }
        append(bytes[start...])
        return lines
    }

    /// The last line, when the stream does not end with a newline.
    mutating func finish() -> Line? { take() }

    private mutating func append<C: Collection<UInt8>>(_ bytes: C) {
        guard !overflow else { return }
        if current.count + bytes.count > maxLineBytes {
            overflow = true
            current = []
        } else {
            current.append(contentsOf: bytes)
        }
    }

    private mutating func take() -> Line? {
        number += 1
        defer { current.removeAll(keepingCapacity: true); overflow = false }
        if overflow { return Line(number: number, bytes: [], tooLong: true) }
        if current.last == 0x0D { current.removeLast() }
        if current.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        return Line(number: number, bytes: current, tooLong: false)
    }
}
