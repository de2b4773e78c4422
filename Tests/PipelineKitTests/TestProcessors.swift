import Foundation
import PipelineKit
import Synchronization

/// Processors for tests of the core: small, but real implementations of the protocol.

/// Sets `text` from the raw bytes; rejects documents whose text contains "BAD".
struct Ingest: Processor {
    struct Options: ProcessorOptions {
        enum Mode: String, OptionChoice { case plain, upper }
        @Option("Sleep up to this many milliseconds per document, varied by id.") var delayMs = 0
        @Option("How to copy the text.") var mode: Mode = .plain
    }
    static let name = "ingest"
    static let summary = "Test: raw bytes to text."
    static let provides: [LayerName] = [.text]
    let options: Options
    init(options: Options, context: SetupContext) throws { self.options = options }

    func process(_ document: inout Document) async throws {
        let text = String(decoding: document.raw ?? [], as: UTF8.self)
        document.raw = nil
        if text.contains("BAD") { throw DocumentRejected("contains BAD") }
        if text.contains("SLOW") { try await Task.sleep(for: .seconds(120)) }
        if options.delayMs > 0 {
            // Vary the delay so later documents often finish first.
            let ms = abs(document.id.hashValue) % (options.delayMs + 1)
            try await Task.sleep(for: .milliseconds(ms))
        }
        document.text = options.mode == .upper ? text.uppercased() : text
    }
}

/// Needs tokens, which nothing in these tests provides.
struct NeedsTokens: Processor {
    static let name = "needs-tokens"
    static let summary = "Test: requires the token layer."
    static let requires: [LayerName] = [.tokens]
    static let provides: [LayerName] = ["tokens-count"]
    init(options: NoOptions, context: SetupContext) throws {}
    func process(_ document: inout Document) async throws {}
}

/// Collects document ids in the order it sees them (a sink).
final class Collect: Processor {
    struct Options: ProcessorOptions {
        @Option("Which collection to append to.") var label = "default"
    }
    static let name = "collect"
    static let summary = "Test: records ids in order."
    static let requires: [LayerName] = [.text]
    static let ordering: StepOrdering = .inputOrder
    static let collected = Locked<[String: [String]]>([:])
    static let finished = Locked<Set<String>>([])
    let label: String
    init(options: Options, context: SetupContext) throws { label = options.label }
    func process(_ document: inout Document) async throws {
        let id = document.id
        Self.collected.withLock { $0[label, default: []].append(id) }
    }
    func finish() async throws {
        let label = self.label
        _ = Self.finished.withLock { $0.insert(label) }
    }
    static func ids(_ label: String) -> [String] { collected.withLock { $0[label] ?? [] } }
}

enum TestRegistry {
    static var registry: ProcessorRegistry {
        var r = ProcessorRegistry()
        r.register(Ingest.self)
        r.register(NeedsTokens.self)
        r.register(Collect.self)
        return r
    }
}

/// A temporary folder removed at the end of a test.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var path: String { url.path }
    @discardableResult
    func write(_ name: String, _ content: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: file)
        return file.path
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
