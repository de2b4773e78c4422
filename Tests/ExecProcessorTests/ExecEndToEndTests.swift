import Foundation
import Testing
import TestSupport

/// The bar, end to end through the built `pipeline` binary: a Python processor written from
/// docs/exec-protocol.md that adds metadata.word_count, crashes on one document and hangs on another.
@Suite("exec end to end: crash and hang are skipped, everything else carries the result")
struct ExecEndToEndTests {
    static let script = """
        import json, sys, time

        for line in sys.stdin:
            doc = json.loads(line)
            if "CRASH-ME" in doc["text"]:
                print("word_count: giving up on " + doc["id"], file=sys.stderr)
                sys.exit(7)
            if "HANG-ME" in doc["text"]:
                time.sleep(3600)
            doc["metadata"]["word_count"] = len(doc["text"].split())
            sys.stdout.write(json.dumps(doc) + "\\n")
            sys.stdout.flush()
        """

    @Test func crashAndHangAreReportedAndTheOthersCarryWordCount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-e2e-\(UUID().uuidString)")
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Self.script.write(to: dir.appendingPathComponent("word_count.py"), atomically: true, encoding: .utf8)
        var expected: [String: Int] = [:]
        for i in 1...12 {
            let text = (0..<(i + 2)).map { "word\($0)" }.joined(separator: " ")
            try text.write(to: docs.appendingPathComponent(String(format: "doc%02d.txt", i)), atomically: true, encoding: .utf8)
            expected[String(format: "doc%02d", i)] = i + 2
        }
        try "This one says CRASH-ME loudly.".write(to: docs.appendingPathComponent("doc05b-crash.txt"), atomically: true, encoding: .utf8)
        try "This one says HANG-ME quietly.".write(to: docs.appendingPathComponent("doc08b-hang.txt"), atomically: true, encoding: .utf8)
        try """
            inputs:
              - path: docs/
            steps:
              - uses: parse
              - uses: exec
                id: word-count
                with: { command: [python3, word_count.py], timeout: 5s, provides: [word_count] }
              - uses: export
                with: { format: jsonl, path: out/docs.jsonl }
            settings:
              jobs: 2
              on_error: skip
            """.write(to: dir.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)

        let started = Date()
        let result = try PipelineProcess.run(["run", "pipeline.yaml", "--report", "report.json"], directory: dir, timeout: 120)
        let seconds = Date().timeIntervalSince(started)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(seconds < 30, "the run took \(seconds) s")

        let lines = try String(contentsOf: dir.appendingPathComponent("out/docs.jsonl"), encoding: .utf8).split(separator: "\n")
        var counts: [String: Int] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let metadata = try #require(object["metadata"] as? [String: Any])
            counts[object["id"] as? String ?? "?"] = metadata["word_count"] as? Int
        }
        #expect(counts == expected)

        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as? [String: Any])
        let documents = try #require(report["documents"] as? [String: Any])
        #expect(documents["written"] as? Int == 12)
        #expect(documents["skipped"] as? Int == 2)
        let problems = try #require(report["problems"] as? [[String: Any]])
        let byDocument = Dictionary(uniqueKeysWithValues: problems.map { ($0["document"] as? String ?? "?", $0) })
        let crash = try #require(byDocument["doc05b-crash"])
        #expect(crash["step"] as? String == "word-count")
        #expect((crash["reason"] as? String)?.contains("exit status 7") == true)
        #expect((crash["reason"] as? String)?.contains("giving up on doc05b-crash") == true)
        let hang = try #require(byDocument["doc08b-hang"])
        #expect((hang["reason"] as? String)?.contains("timeout of 5s") == true)
        #expect(problems.count == 2)
    }

    @Test func listShowsThePluginsAndExec() throws {
        let result = try PipelineProcess.run(["list"])
        #expect(result.status == 0)
        for name in ["exec", "keyphrases", "sentiment"] {
            #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix(name + " ") }, "\(name) missing from: \(result.stdout)")
        }
        let describe = try PipelineProcess.run(["describe", "exec"])
        #expect(describe.stdout.contains("command  (list of string; required)"))
    }

    @Test func execDeclaresItsLayersPerStepForValidation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
            inputs: [{ path: "-" }]
            steps:
              - uses: parse
              - uses: exec
                with: { command: [python3, x.py], requires: [keyphrases] }
            """.write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try PipelineProcess.run(["validate", "bad.yaml"], directory: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("needs keyphrases"), "stderr: \(bad.stderr)")
        #expect(bad.stderr.contains("keyphrases"))

        try """
            inputs: [{ path: "-" }]
            steps:
              - uses: parse
              - uses: exec
                with: { command: [python3, x.py], provides: [topics] }
              - uses: exec
                id: second
                with: { command: [python3, y.py], requires: [text, topics] }
            """.write(to: dir.appendingPathComponent("good.yaml"), atomically: true, encoding: .utf8)
        let good = try PipelineProcess.run(["validate", "good.yaml"], directory: dir)
        #expect(good.status == 0, "stderr: \(good.stderr)")
    }
}
