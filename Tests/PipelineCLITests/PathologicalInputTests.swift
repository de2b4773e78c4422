import Foundation
import Testing
import TestSupport

/// Pathological documents through the whole chain parse → extract-entities → extract-quotes → export, at
/// sizes a debug build handles in seconds: each run must finish (a super-linear step would hit the test's
/// timeout) and write its one document. scripts/pathological.sh times the full sizes in a release build.
@Suite(.serialized) struct PathologicalInputTests {
    static let cases: [(name: String, ext: String, text: String)] = [
        ("long-line", "txt", String(repeating: "The minister said \"we will not stop\" on Tuesday, according to John Smith. ", count: 2_000)),
        ("quote-marks", "txt", String(repeating: "\"", count: 20_000)),
        ("quote-pairs", "txt", String(repeating: "\"Yes,\" said Smith. ", count: 5_000)),
        ("nested-html", "html", "<html><body>" + String(repeating: "<div>", count: 20_000) + "<p>Deep text said Smith.</p>"
            + String(repeating: "</div>", count: 20_000) + "</body></html>"),
        ("repeated-word", "txt", String(repeating: "buffalo ", count: 20_000)),
        ("capitals", "txt", String(repeating: "Alpha Beta Gamma Delta Epsilon Zeta ", count: 3_000)),
        ("upper", "txt", String(repeating: "A", count: 100_000)),
        ("periods", "txt", String(repeating: ".", count: 100_000)),
        ("dashes", "txt", String(repeating: String(repeating: "-", count: 1000) + " — word — ", count: 100)),
        ("apostrophes", "txt", String(repeating: "'’‘“”", count: 10_000)),
    ]

    @Test(arguments: cases.map(\.name))
    func pathologicalDocumentGoesThroughTheWholeChain(name: String) throws {
        let item = try #require(Self.cases.first { $0.name == name })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-patho-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try item.text.write(to: dir.appendingPathComponent("\(name).\(item.ext)"), atomically: true, encoding: .utf8)
        try """
        inputs:
          - path: \(name).\(item.ext)
        steps:
          - uses: parse
          - uses: extract-entities
          - uses: extract-quotes
          - uses: export
            with: { format: jsonl, path: out.jsonl }
        """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        // A super-linear step takes hours at these sizes; the bound leaves room for the address sanitizer's debug
        // build on a loaded machine (the long line has taken over 90 s there).
        let result = try PipelineProcess.run(["run", "p.yaml", "--quiet"], directory: dir, timeout: 600)
        #expect(result.status == 0, "\(result.stderr)")
        let out = try String(contentsOf: dir.appendingPathComponent("out.jsonl"), encoding: .utf8)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(lines.first, "no document written: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["text"] is String)
    }
}
