import Foundation
import Testing
@testable import PipelineKit

/// The extension contract as a processor author meets it: typed layers, provenance kept by the runner,
/// sinks apart from processors, and step_timeout that holds against a step spinning on every thread.
@Suite("the extension contract, through the runner")
struct ContractTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    func pipeline(_ yaml: String) throws -> Pipeline {
        try PipelineLoader(registry: TestRegistry.registry).load(yaml: yaml, file: "p.yaml", baseDirectory: folder.path)
    }

    @Test func aTypedLayerIsReadByALaterStepAndTheRunnerRecordsWhoMadeIt() async throws {
        try folder.write("in/a.txt", "Café Zürich opened in Genève")
        let label = "typed-\(UUID())"
        let p = try pipeline("""
            inputs: [in/]
            steps:
              - uses: ingest
              - { uses: find-capitals, id: capitals-step }
              - uses: count-capitals
              - { uses: keep, with: { label: \(label) } }
            """)
        let report = await (try Runner(pipeline: p)).run()
        #expect(report.documents.written == 1)
        let doc = try #require(Keep.documents(label).first)
        #expect(doc.metadata.extra["capitals"] == ["Café", "Zürich", "Genève"])
        #expect(doc.layerSteps == ["text": "ingest", "capitals": "capitals-step"])

        // At the edge the same spans are code points, the schema's offsets.
        let json = try DocumentJSON.jsonValue(doc)
        let exported = try #require(json["layers"]?["capitals"]?.arrayValue)
        #expect(exported[1] == ["span": ["start": 5, "end": 11], "word": "Zürich"])
        #expect(json["steps"]?["capitals"] == "capitals-step")
    }

    @Test func aLayerThatArrivesAsJSONIsDecodedWithItsSpansInUTF8() throws {
        let line = #"{"id":"a","text":"Café Zürich","layers":{"capitals":[{"span":{"start":5,"end":11},"word":"Zürich"}]}}"#
        let doc = try DocumentJSON.decode(Data(line.utf8))
        let capitals = try #require(try doc.layer(.capitals))
        #expect(capitals[0].span == Span(start: 6, end: 13))
        #expect(doc.text(of: capitals[0].span) == "Zürich")
        // Read as the wrong type: an error naming the layer, not a crash or a silent nil.
        let error = #expect(throws: LayerError.self) { try doc.layer(LayerKey<[String]>("capitals")) }
        #expect(error?.layer == "capitals")
    }

    @Test func aSpanInsideACharacterIsAnExportErrorNotAWrongOffset() {
        var doc = Document(id: "a", text: "Zürich")
        doc.setLayer([CapitalWord(span: Span(start: 0, end: 2), word: "Z?")], for: .capitals)
        #expect(throws: DocumentJSONError.self) { try DocumentJSON.encode(doc) }
    }

    @Test func stepsAfterASinkStayConcurrentAndEverySinkSeesInputOrder() async throws {
        var expected: [String] = []
        for i in 0..<24 {
            let name = String(format: "d%02d", i)
            try folder.write("in/\(name).txt", "Doc \(i)")
            expected.append(name)
        }
        let first = "before-\(UUID())", second = "after-\(UUID())"
        let p = try pipeline("""
            inputs: [in/]
            steps:
              - uses: ingest
              - { uses: keep, id: first, with: { label: \(first) } }
              - uses: overlap
              - uses: find-capitals
              - { uses: keep, id: second, with: { label: \(second) } }
            settings: { jobs: 4 }
            """)
        Overlap.peak.store(0, ordering: .relaxed)
        let report = await (try Runner(pipeline: p)).run()
        #expect(report.documents.written == 24)
        #expect(Keep.documents(first).map(\.id) == expected)
        #expect(Keep.documents(second).map(\.id) == expected)
        // The step after the first sink held several documents at once.
        #expect(Overlap.peak.load(ordering: .relaxed) > 1)
        // Each sink saw the document as it was at its place: no `capitals` layer yet at the first.
        #expect(Keep.documents(first).allSatisfy { $0.customLayerNames.isEmpty })
        #expect(Keep.documents(second).allSatisfy { $0.customLayerNames == ["capitals"] })
    }

    @Test func stepTimeoutCountsFromWhenTheStepStartsNotWhileTheDocumentWaitsForAThread() async throws {
        // A document waits for a processor thread when abandoned steps still hold every thread (the
        // spare that replaces one can take a while to start on a loaded machine); the wait is not its step's.
        let watchdog = Watchdog(limit: 0.1)
        defer { watchdog.stop() }
        let progress = StepProgress()
        let timedOut = Locked<[Int]>([])
        let entry = Watchdog.Entry(progress: progress) { step in timedOut.withLock { $0.append(step) } }
        watchdog.watch(entry)
        try await Task.sleep(for: .milliseconds(400))
        #expect(timedOut.withLock { $0 }.isEmpty)
        progress.started(step: 1, at: .now)
        for _ in 0..<500 where timedOut.withLock({ $0 }).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(timedOut.withLock { $0 } == [1])
    }

    @Test func stepTimeoutHoldsWhenAStepSpinsOnEveryThread() async throws {
        // jobs: 2 and four spinning documents: every processor thread is busy, twice over.
        for name in ["s1", "s2", "s3", "s4"] { try folder.write("in/\(name).txt", "SPIN") }
        for name in ["l1", "l2"] { try folder.write("in/\(name).txt", "LOOP") }
        try folder.write("in/z.txt", "quick")
        let label = "spin-\(UUID())"
        let p = try pipeline("""
            inputs: [in/]
            steps: [{uses: ingest}, {uses: spin}, {uses: keep, with: {label: \(label)}}]
            settings: { jobs: 2, step_timeout: 300ms }
            """)
        Spin.sawCancellation.store(0, ordering: .relaxed)
        let report = await (try Runner(pipeline: p)).run()
        #expect(Keep.documents(label).map(\.id) == ["z"])
        #expect(report.documents.skipped == 6)
        #expect(report.problems.allSatisfy { $0.step == "spin" && $0.reason.contains("step_timeout") }, "\(report.problems)")
        // The cooperative loops saw their cancellation and returned.
        for _ in 0..<100 where Spin.sawCancellation.load(ordering: .relaxed) < 2 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(Spin.sawCancellation.load(ordering: .relaxed) == 2)
    }
}
