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
        if text.contains("SLOW") { try await Task.sleep(for: .seconds(3600)) }
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
final class Collect: Sink {
    struct Options: ProcessorOptions {
        @Option("Which collection to append to.") var label = "default"
    }
    static let name = "collect"
    static let summary = "Test: records ids in order."
    static let requires: [LayerName] = [.text]
    static let collected = Locked<[String: [String]]>([:])
    static let finished = Locked<Set<String>>([])
    let label: String
    init(options: Options, context: SetupContext) throws { label = options.label }
    func consume(_ document: Document) async throws {
        let id = document.id
        Self.collected.withLock { $0[label, default: []].append(id) }
    }
    func finish() async throws {
        let label = self.label
        _ = Self.finished.withLock { $0.insert(label) }
    }
    static func ids(_ label: String) -> [String] { collected.withLock { $0[label] ?? [] } }
}

/// A word and where it stands: the entry of the `capitals` layer, a typed custom layer with spans.
struct CapitalWord: Codable, Sendable, Equatable {
    var span: Span
    var word: String
}

extension LayerKey where Value == [CapitalWord] {
    static let capitals = LayerKey("capitals")
}

/// Writes the `capitals` layer: every word that starts with a capital letter.
struct FindCapitals: Processor {
    static let name = "find-capitals"
    static let summary = "Test: writes a typed custom layer."
    static let requires: [LayerName] = [.text]
    static let provides: [LayerName] = ["capitals"]
    init(options: NoOptions, context: SetupContext) throws {}
    func process(_ document: inout Document) async throws {
        var found: [CapitalWord] = []
        var offset = 0
        for word in document.text.split(separator: " ", omittingEmptySubsequences: false) {
            let length = word.utf8.count
            if word.first?.isUppercase == true {
                found.append(CapitalWord(span: Span(start: offset, end: offset + length), word: String(word)))
            }
            offset += length + 1
        }
        document.setLayer(found, for: .capitals)
    }
}

/// Reads the `capitals` layer by its key and counts it, through `text(of:)` on the layer's spans.
struct CountCapitals: Processor {
    static let name = "count-capitals"
    static let summary = "Test: reads a typed custom layer."
    static let requires: [LayerName] = ["capitals"]
    init(options: NoOptions, context: SetupContext) throws {}
    func process(_ document: inout Document) async throws {
        let capitals = try document.layer(.capitals) ?? []
        document.metadata.extra["capitals"] = .array(capitals.map { .string(document.text(of: $0.span)) })
    }
}

/// Tracks how many documents it holds at once, sleeping a little in each.
struct Overlap: Processor {
    static let name = "overlap"
    static let summary = "Test: records concurrency."
    static let current = Atomic<Int>(0)
    static let peak = Atomic<Int>(0)
    init(options: NoOptions, context: SetupContext) throws {}
    func process(_ document: inout Document) async throws {
        let now = Self.current.add(1, ordering: .relaxed).newValue
        Self.peak.max(now, ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(20))
        Self.current.subtract(1, ordering: .relaxed)
    }
}

/// Spins on the CPU, never awaiting: with "SPIN" for up to 3 s ignoring cancellation, with "LOOP"
/// until its task is cancelled (the cooperative way the contract asks for).
struct Spin: Processor {
    static let name = "spin"
    static let summary = "Test: burns CPU."
    static let sawCancellation = Atomic<Int>(0)
    init(options: NoOptions, context: SetupContext) throws {}
    func process(_ document: inout Document) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        if document.text.contains("SPIN") {
            var x = 0
            while clock.now - start < .seconds(3) { x &+= 1 }
            document.metadata.extra["spins"] = .int(x)
        } else if document.text.contains("LOOP") {
            while !Task.isCancelled, clock.now - start < .seconds(60) {}
            if Task.isCancelled { Self.sawCancellation.add(1, ordering: .relaxed) }
            try Task.checkCancellation()
        }
    }
}

/// Keeps every document it receives, by label (a sink).
final class Keep: Sink {
    struct Options: ProcessorOptions {
        @Option("Which collection to append to.") var label = "default"
    }
    static let name = "keep"
    static let summary = "Test: keeps the documents."
    static let kept = Locked<[String: [Document]]>([:])
    let label: String
    init(options: Options, context: SetupContext) throws { label = options.label }
    func consume(_ document: Document) async throws {
        Self.kept.withLock { $0[label, default: []].append(document) }
    }
    static func documents(_ label: String) -> [Document] { kept.withLock { $0[label] ?? [] } }
}

enum TestRegistry {
    static var registry: ProcessorRegistry {
        var r = ProcessorRegistry()
        r.register(Ingest.self)
        r.register(NeedsTokens.self)
        r.register(Collect.self)
        r.register(FindCapitals.self)
        r.register(CountCapitals.self)
        r.register(Overlap.self)
        r.register(Spin.self)
        r.register(Keep.self)
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
