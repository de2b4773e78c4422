import Foundation
import Testing
@testable import PipelineKit

/// The runner keeps input order under concurrency and accounts for every input under both error policies.
struct RunnerTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    func pipeline(_ yaml: String) throws -> Pipeline {
        try PipelineLoader(registry: TestRegistry.registry).load(yaml: yaml, file: "p.yaml", baseDirectory: folder.path)
    }

    @Test func outputOrderEqualsInputOrderUnderConcurrency() async throws {
        var expected: [String] = []
        for i in 0..<60 {
            let name = String(format: "doc-%03d", i)
            try folder.write("in/\(name).txt", "document \(i)")
            expected.append(name)
        }
        let label = "order-\(UUID())"
        let p = try pipeline("""
            inputs: [in/]
            steps:
              - uses: ingest
                with: { delay_ms: 15 }
              - uses: collect
                with: { label: \(label) }
            settings: { jobs: 8 }
            """)
        let report = await (try Runner(pipeline: p)).run()
        #expect(Collect.ids(label) == expected)
        #expect(report.documents.read == 60)
        #expect(report.documents.written == 60)
        #expect(Collect.finished.withLock { $0.contains(label) })
    }

    @Test func skipPolicyReportsBadDocumentsAndGoesOn() async throws {
        try folder.write("in/a.txt", "fine")
        try folder.write("in/b.txt", "this is BAD")
        try folder.write("in/c.txt", "fine too")
        let label = "skip-\(UUID())"
        let p = try pipeline("inputs: [in/]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\nsettings: {on_error: skip, jobs: 2}\n")
        let report = await (try Runner(pipeline: p)).run()
        #expect(Collect.ids(label) == ["a", "c"])
        #expect(report.documents.read == 3)
        #expect(report.documents.written == 2)
        #expect(report.documents.skipped == 1)
        #expect(report.problems.map(\.document) == ["b"])
        #expect(report.problems.first?.step == "ingest")
        #expect(report.problems.first?.reason == "contains BAD")
    }

    @Test func failPolicyStopsAtTheFirstBadDocument() async throws {
        for i in 0..<20 { try folder.write(String(format: "in/%02d.txt", i), i == 3 ? "BAD" : "ok \(i)") }
        let label = "fail-\(UUID())"
        let p = try pipeline("inputs: [in/]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\nsettings: {on_error: fail, jobs: 1}\n")
        let report = await (try Runner(pipeline: p)).run()
        #expect(report.documents.failed == 1)
        #expect(report.problems.first?.outcome == "failed")
        #expect(Collect.ids(label) == ["00", "01", "02"])
        #expect(report.documents.read < 20)
    }

    @Test func jsonLinesFromStandardInputGiveOneDocumentPerLine() async throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("{\"id\":\"x\"}\n\n{\"id\":\"y\"}\n{\"id\":\"z\"}".utf8))
        try pipe.fileHandleForWriting.close()
        let label = "stdin-\(UUID())"
        let p = try pipeline("inputs: [\"-\"]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\n")
        let report = await (try Runner(pipeline: p)).run(standardInput: pipe.fileHandleForReading)
        // Blank lines are not documents; ids fall back to line numbers.
        #expect(Collect.ids(label) == ["1", "3", "4"])
        #expect(report.documents.written == 3)
    }

    @Test func plainTextOnStandardInputIsOneDocument() async throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("Headline\n\nBody line one.\nBody line two.\n".utf8))
        try pipe.fileHandleForWriting.close()
        let label = "stdin-text-\(UUID())"
        let p = try pipeline("inputs: [\"-\"]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\n")
        _ = await (try Runner(pipeline: p)).run(standardInput: pipe.fileHandleForReading)
        #expect(Collect.ids(label) == ["stdin"])
    }

    @Test func oversizedInputsAreReportedNotRead() async throws {
        try folder.write("in/small.txt", "small")
        try folder.write("in/big.txt", String(repeating: "x", count: 5000))
        try folder.write("lines.jsonl", "{\"id\":\"ok\"}\n{\"id\":\"\(String(repeating: "y", count: 5000))\"}\n")
        let label = "size-\(UUID())"
        let p = try pipeline("inputs: [in/, lines.jsonl]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\nsettings: {max_document_size: 1000}\n")
        let report = await (try Runner(pipeline: p)).run()
        #expect(Collect.ids(label) == ["small", "1"])
        #expect(report.documents.read == 4)
        #expect(report.documents.skipped == 2)
        #expect(report.problems.allSatisfy { $0.step == "read" && $0.reason.contains("max_document_size") })
    }

    @Test func idsAreRelativePathsWithoutExtension() async throws {
        try folder.write("in/world/europe/a.txt", "x")
        try folder.write("in/b.md", "y")
        try folder.write("in/.hidden.txt", "z")
        let label = "ids-\(UUID())"
        let p = try pipeline("inputs: [in/]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\n")
        _ = await (try Runner(pipeline: p)).run()
        #expect(Collect.ids(label) == ["b", "world/europe/a"])
    }

    @Test func stopRequestFinishesInFlightDocumentsAndSinks() async throws {
        for i in 0..<200 { try folder.write(String(format: "in/%03d.txt", i), "doc \(i)") }
        let label = "stop-\(UUID())"
        let p = try pipeline("inputs: [in/]\nsteps: [{uses: ingest, with: {delay_ms: 5}}, {uses: collect, with: {label: \(label)}}]\nsettings: {jobs: 2}\n")
        let runner = try Runner(pipeline: p)
        let report = await runner.run(onProgress: { progress in
            if progress.done == 10 { runner.requestStop() }
        })
        #expect(report.interrupted)
        #expect(report.documents.read < 200)
        #expect(report.documents.read == report.documents.written)
        #expect(Collect.ids(label).count == report.documents.written)
        #expect(Collect.finished.withLock { $0.contains(label) })
    }

    @Test func stepTimeoutFailsOnlyTheSlowDocument() async throws {
        try folder.write("in/a.txt", "quick")
        try folder.write("in/b.txt", "SLOW")
        try folder.write("in/c.txt", "quick too")
        let label = "timeout-\(UUID())"
        let p = try pipeline("inputs: [in/]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\nsettings: {step_timeout: 200ms}\n")
        let clock = ContinuousClock()
        var report: RunReport?
        let elapsed = await clock.measure { report = await (try? Runner(pipeline: p))?.run() }
        #expect(Collect.ids(label) == ["a", "c"])
        #expect(report?.problems.first?.document == "b")
        #expect(report?.problems.first?.reason.contains("step_timeout") == true)
        // Far less than the slow document's hour. The bound is loose on purpose: swift-testing runs suites side by side
        // on the cooperative pool (two threads on two cores), so under the address sanitizer on a loaded machine this
        // run has waited minutes for a thread; only a runner that waits out the sleep takes longer.
        #expect(elapsed < .seconds(900))
    }

    @Test func oversizeTruncateReadsTheStartOfALargeFileAtACharacterBoundary() async throws {
        // 999 ASCII bytes, then "é" (2 bytes) straddling the 1,000-byte limit.
        try folder.write("in/big.txt", String(repeating: "a", count: 999) + "é and more text after the limit")
        try folder.write("lines.jsonl", "{\"id\":\"\(String(repeating: "y", count: 5000))\"}\n")
        let label = "truncate-\(UUID())"
        let p = try pipeline("inputs: [in/, lines.jsonl]\nsteps: [{uses: ingest}, {uses: collect, with: {label: \(label)}}]\nsettings: {max_document_size: 1000, oversize: truncate}\n")
        let report = await (try Runner(pipeline: p)).run()
        #expect(Collect.ids(label) == ["big"])
        #expect(report.warnings.first?.message.contains("truncated") == true)
        // A JSON Lines record cannot be cut: it is still skipped.
        #expect(report.problems.map(\.document) == ["1"])
    }
}
