import BuiltinProcessors
import Foundation
import Hummingbird
import HummingbirdTesting
import PipelineKit
import PipelineServer
import TestSupport

/// A step for fault tests: fails on a document containing "FAIL-ME", spins (cooperatively) on "SLOW-ME"
/// until cancelled (step_timeout: 2s in these tests), and holds a document containing "HOLD-ME" until the test
/// opens the `HoldGate`.
struct Faulty: Processor {
    static let name = "faulty"
    static let summary = "Test step: fails, hangs or holds on marked documents."
    static let requires: [LayerName] = [.text]
    init(options: NoOptions, context: SetupContext) throws {}
    func process(_ document: inout Document) async throws {
        if document.text.contains("FAIL-ME") { throw DocumentRejected("the document asked to fail") }
        if document.text.contains("HOLD-ME") { try await HoldGate.pass() }
        if document.text.contains("SLOW-ME") {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }
}

/// Keeps "HOLD-ME" documents in the `faulty` step until the test opens it, and counts those waiting: a test of
/// a full queue needs its first request admitted and running, however slow the machine (a fixed sleep failed
/// under the address sanitizer on a loaded machine).
enum HoldGate {
    private static let state = Locked((waiting: 0, open: false))

    static func close() { state.withLock { $0 = (0, false) } }
    static func open() { state.withLock { $0.open = true } }

    /// Waits (up to a minute) until a document is held.
    static func untilHolding() async throws {
        for _ in 0..<12_000 where state.withLock({ $0.waiting }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
    }

    static func pass() async throws {
        state.withLock { $0.waiting += 1 }
        while !state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(5)) }
    }
}

enum Harness {
    static let registry: ProcessorRegistry = {
        var registry = ProcessorRegistry.builtins
        registry.register(Faulty.self)
        return registry
    }()

    /// The shipped news pipeline's steps, plus `faulty`, with an export that must never run.
    static func yaml(settings: String = "", stepTimeout: String = "2s") -> String {
        """
        inputs:
          - path: "-"
        steps:
          - uses: parse
          - uses: extract-entities
          - uses: extract-quotes
          - uses: faulty
          - uses: export
            with: { format: jsonl, path: never-written.jsonl }
        settings:
          step_timeout: \(stepTimeout)
        \(settings)
        """
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serve-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func service(settings: String = "", stepTimeout: String = "2s", jobs: Int = 2, queue: Int = 16, token: String? = nil,
                        port: Int = 0, folder: URL = folder()) throws -> AnnotationService {
        let pipeline = try PipelineLoader(registry: registry).load(yaml: yaml(settings: settings, stepTimeout: stepTimeout), file: "serve-test.yaml",
                                                                  baseDirectory: folder.path)
        return try AnnotationService(pipeline: pipeline, options: ServeOptions(port: port, jobs: jobs, queue: queue, token: token))
    }

    static let article = """
        Police chief John Carter said on Monday that the city of Leeds would hire 200 officers.
        "We will keep the streets safe," Carter told reporters. The plan costs £4 million, according to the BBC.
        """

    static func json(_ buffer: ByteBuffer) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
    }
}
