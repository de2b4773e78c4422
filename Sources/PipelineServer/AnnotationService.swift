import Export
import Foundation
import Hummingbird
import Logging
import PipelineKit

/// The pipeline behind `pipeline serve`: its analysis steps run for each request; its export steps do not.
///
/// It owns the `Annotator`, the admission queue and the metrics; `ServeRoutes` puts HTTP in front of it.
///
/// ```swift
/// let service = try AnnotationService(pipeline: pipeline, options: ServeOptions(jobs: 2))
/// let app = Application(router: service.router(), configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
public final class AnnotationService: Sendable {
    public let pipeline: Pipeline
    public let options: ServeOptions
    let annotator: Annotator
    let queue: WorkQueue
    let metrics = ServeMetrics()
    let logger: Logger
    /// What the JSON answer holds: the first export step's `layers`, else export's default.
    let layers: LayerSelection
    private let counter = Locked(0)

    public init(pipeline: Pipeline, options: ServeOptions, logger: Logger = Logger(label: "pipeline.serve")) throws(PipelineFileError) {
        var pipeline = pipeline
        pipeline.settings.jobs = options.jobs
        self.pipeline = pipeline
        self.options = options
        self.logger = logger
        annotator = try Annotator(pipeline: pipeline, logger: logger)
        queue = WorkQueue(jobs: options.jobs, queue: options.queue)
        let export = pipeline.steps.first { $0.uses == "export" && $0.options["format"]?.stringValue.map { ["json", "jsonl"].contains($0) } ?? false }
        let names = export?.options["layers"]?.arrayValue?.compactMap { $0.stringValue.flatMap(Export.Options.Layer.init(rawValue:)) }
        layers = LayerSelection(names ?? Export.Options().layers)
    }

    /// The largest body `POST /v1/annotate` takes, and the longest line of a batch: `settings.max_document_size`.
    public var maxDocumentBytes: Int { pipeline.settings.maxDocumentBytes }

    /// "request-12": the id of a document whose request named none.
    func nextID() -> String {
        "request-" + String(counter.withLock { $0 += 1; return $0 })
    }

    /// Annotates one document under the `jobs` limit; the caller has been admitted.
    func annotate(_ document: Document) async -> Result<Document, ServeError> {
        let result = await queue.run { await annotator.annotate(document) }
        switch result {
        case .success(let document):
            metrics.document("annotated")
            return .success(document)
        case .failure(let failure):
            metrics.document(failure.timedOut ? "timed_out" : "failed")
            logger.info("\(document.id): \(failure.step): \(failure.reason)")
            return .failure(ServeError.stepFailed(failure))
        }
    }

    /// Takes a place in the queue, or throws 503 with `Retry-After`.
    func admit() throws(ServeError) {
        guard queue.admit() else {
            throw ServeError.queueFull(inFlight: queue.inFlight, retryAfter: options.retryAfterSeconds)
        }
        metrics.setInFlight(queue.inFlight)
    }

    func leave() {
        queue.leave()
        metrics.setInFlight(queue.inFlight)
    }

    /// The document in the export JSON schema (docs/output.schema.json), as `export` writes it.
    func json(_ document: Document) throws -> [UInt8] {
        var writer = DocumentJSON.Writer()
        try DocumentJSON.encode(document, layers: layers.layers, annotations: layers.annotations, into: &writer)
        return writer.bytes
    }

    /// Releases what the processors hold (exec children). Call once, after the server stopped.
    public func shutdown() async {
        await annotator.finish()
    }

    /// `GET /v1/pipeline`: the steps, whether each runs per request, their options, and the limits.
    func describe() -> JSONValue {
        let perRequest = Set(annotator.steps.map(\.id))
        let steps: [JSONValue] = pipeline.steps.map { step in
            .object([
                "id": .string(step.id),
                "uses": .string(step.uses),
                "summary": .string(step.descriptor.summary),
                "runs_per_request": .bool(perRequest.contains(step.id)),
                "options": step.options,
            ])
        }
        var limits: [String: JSONValue] = [
            "jobs": .int(queue.jobs),
            "queue": .int(queue.queue),
            "max_document_size": .int(maxDocumentBytes),
        ]
        limits["step_timeout"] = pipeline.settings.stepTimeout.map { .double($0) } ?? .null
        return .object([
            "name": pipeline.name.map { .string($0) } ?? .null,
            "file": .string((pipeline.file as NSString).lastPathComponent),
            "steps": .array(steps),
            "limits": .object(limits),
            "layers": .array(layers.names.map { .string($0.rawValue) }),
        ])
    }
}

/// How `pipeline serve` runs: where it listens, how much it does at once, who may call it.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    /// Documents annotated at once (default: the number of cores).
    public var jobs: Int
    /// Requests that may wait for a free job; one more is answered 503.
    public var queue: Int
    /// When set, every route but /healthz needs `Authorization: Bearer <token>`.
    public var token: String?
    /// The `Retry-After` of a 503.
    public var retryAfterSeconds: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, jobs: Int = PipelineSettings.coreCount, queue: Int = 64,
                token: String? = nil, retryAfterSeconds: Int = 1) {
        self.host = host
        self.port = port
        self.jobs = jobs
        self.queue = queue
        self.token = token
        self.retryAfterSeconds = retryAfterSeconds
    }
}
