import Foundation
import Testing
import TestSupport

/// `pipeline eval`: its figures are those of the shared scorers (../shared/eval/*/score.py) on the same output.
@Suite(.serialized) struct EvalCommandTests {
    static let pythonPath = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let canCompare = SharedData.isAvailable && pythonPath != nil

    /// The first `count` gold documents, as a file of their own (a quick but real sample).
    func sample(_ relativePath: String, count: Int, into dir: URL) throws -> URL {
        let lines = try SharedData.read(relativePath).split(separator: "\n").prefix(count)
        let url = dir.appendingPathComponent("gold.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Runs the pipeline with an export, for the Python scorer.
    func export(gold: URL, dir: URL, steps: String) throws -> [[String: Any]] {
        let yaml = "inputs:\n  - path: \(gold.path)\n    format: jsonl\nsteps:\n\(steps)  - uses: export\n    with: {path: export.jsonl}\n"
        try yaml.write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let run = try PipelineProcess.run(["run", "run.yaml", "--quiet"], directory: dir, timeout: 600)
        #expect(run.status == 0, "\(run.stderr)")
        return try String(contentsOf: dir.appendingPathComponent("export.jsonl"), encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.pythonPath!)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func evalJSON(_ task: String, gold: URL, dir: URL, extra: [String] = []) throws -> [String: Any] {
        let result = try PipelineProcess.run(["eval", task, "run.yaml", "--gold", gold.path, "--json"] + extra, directory: dir, timeout: 600)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: canCompare, "needs ../shared/eval and python3")) func entityFiguresMatchScorePy() throws {
        let dir = try FileManager.default.temporaryFolder()
        let gold = try sample("eval/ner/dev.jsonl", count: 6, into: dir)
        let exported = try export(gold: gold, dir: dir, steps: "  - uses: parse\n  - uses: extract-entities\n")
        let system = exported.map { d -> String in
            let entities = (d["entities"] as? [[String: Any]] ?? []).map { ["start": $0["start"]!, "end": $0["end"]!, "label": $0["label"]!] }
            let data = try! JSONSerialization.data(withJSONObject: ["id": d["id"]!, "text": d["text"]!, "entities": entities])
            return String(decoding: data, as: UTF8.self)
        }
        try (system.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("system.jsonl"), atomically: true, encoding: .utf8)
        let scored = try python([SharedData.url("eval/ner/score.py").path, gold.path, dir.appendingPathComponent("system.jsonl").path,
                                 "--map", "GPE=LOC,FAC=LOC"])
        // "PERSON     365   371 |  0.865  0.879  0.872 | ..." and the headline "ner_f1_exact=0.793 ner_f1_partial=0.828"
        let headline = try #require(scored.split(separator: "\n").last { $0.hasPrefix("ner_f1_exact=") })
        let figures = headline.split(separator: " ").map { Double($0.split(separator: "=")[1])! }
        let ours = try evalJSON("entities", gold: gold, dir: dir)
        let micro = try #require(ours["micro"] as? [String: Double])
        let microPartial = try #require(ours["micro_partial"] as? [String: Double])
        #expect(abs(micro["f1"]! - figures[0]) < 0.005)
        #expect(abs(microPartial["f1"]! - figures[1]) < 0.005)
        let labels = try #require(ours["labels"] as? [String: [String: Any]])
        for line in scored.split(separator: "\n") {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true)
            guard cells.count == 11, let row = labels[String(cells[0])] else { continue }
            #expect(abs((row["p"] as! Double) - Double(cells[4])!) < 0.005, "\(line)")
            #expect(abs((row["f1"] as! Double) - Double(cells[6])!) < 0.005, "\(line)")
            #expect(abs(((row["partial"] as! [String: Double])["f1"]!) - Double(cells[10])!) < 0.005, "\(line)")
        }
        #expect(labels["PERSON"] != nil)
    }

    @Test(.enabled(if: canCompare, "needs ../shared/eval and python3")) func quoteFiguresMatchScorePy() throws {
        let dir = try FileManager.default.temporaryFolder()
        let gold = try sample("eval/quotes/dev.jsonl", count: 25, into: dir)
        let exported = try export(gold: gold, dir: dir, steps: "  - uses: parse\n  - uses: extract-entities\n  - uses: extract-quotes\n")
        let system = exported.map { d -> String in
            let quotes = (d["quotes"] as? [[String: Any]] ?? []).map { q -> [String: Any] in
                ["start": q["start"]!, "end": q["end"]!, "speaker": (q["speaker"] as? [String: Any])?["text"] ?? NSNull(),
                 "fragments": (q["fragments"] as? [[String: Any]] ?? []).map { [$0["start"]!, $0["end"]!] }]
            }
            return String(decoding: try! JSONSerialization.data(withJSONObject: ["id": d["id"]!, "quotes": quotes]), as: UTF8.self)
        }
        try (system.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("system.jsonl"), atomically: true, encoding: .utf8)
        // All kinds, then direct only: score.py's --kinds keeps our other quotes in the file and sets aside
        // those matched to gold of another kind, so the restriction itself is compared, not just the counts.
        for kinds in [nil, "direct", "direct,mixed"] as [String?] {
            let scored = try python([SharedData.url("eval/quotes/score.py").path, gold.path, dir.appendingPathComponent("system.jsonl").path]
                                    + (kinds.map { ["--kinds", $0] } ?? []))
            func figure(_ prefix: String, _ key: String) throws -> Double {
                let line = try #require(scored.split(separator: "\n").first { $0.hasPrefix(prefix) })
                let cell = try #require(line.split(separator: " ").first { $0.hasPrefix(key) })
                return Double(cell.dropFirst(key.count))!
            }
            let quotes = try #require(try evalJSON("quotes", gold: gold, dir: dir, extra: kinds.map { ["--kinds", $0] } ?? [])["quotes"] as? [String: Any])
            let label = kinds ?? "all"
            #expect(quotes["gold"] as? Int == Int(try figure("gold_quotes=", "gold_quotes=")), "\(label)")
            #expect(quotes["system"] as? Int == Int(try figure("gold_quotes=", "system_quotes=")), "\(label)")
            #expect(quotes["gold"] as? Int ?? 0 > 0, "\(label)")
            #expect(abs((quotes["overlap"] as! [String: Double])["f1"]! - (try figure("span_overlap50", "F1="))) < 0.005, "\(label)")
            #expect(abs((quotes["exact"] as! [String: Double])["f1"]! - (try figure("span_exact ", "F1="))) < 0.005, "\(label)")
            #expect(abs((quotes["strict"] as! [String: Double])["p"]! - (try figure("span_exact_strict", "P="))) < 0.005, "\(label)")
            #expect(abs((quotes["attribution"] as! [String: Double])["f1"]! - (try figure("attribution_e2e", "F1="))) < 0.005, "\(label)")
            let speakerLine = try #require(scored.split(separator: "\n").first { $0.hasPrefix("speaker_acc ") })
            #expect(abs(quotes["speaker_acc"] as! Double - Double(speakerLine.split(separator: " ")[1])!) < 0.005, "\(label)")
        }
    }

    @Test func kindsNamingNothingIsAnError() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n".write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "{\"id\": \"a\", \"text\": \"Paris.\", \"quotes\": []}\n".write(to: dir.appendingPathComponent("gold.jsonl"), atomically: true, encoding: .utf8)
        let empty = try PipelineProcess.run(["eval", "quotes", "p.yaml", "--gold", "gold.jsonl", "--kinds", ","], directory: dir)
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("--kinds \",\" names no kind"), "\(empty.stderr)")
        let entities = try PipelineProcess.run(["eval", "entities", "p.yaml", "--gold", "gold.jsonl", "--kinds", "direct"], directory: dir)
        #expect(entities.status != 0)
        #expect(entities.stderr.contains("--kinds applies to quotes only"), "\(entities.stderr)")
    }

    @Test func evalReadsAPipelineWithoutInputsWhichRunRefuses() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "steps:\n  - uses: parse\n  - uses: extract-entities\n".write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "{\"id\": \"a\", \"text\": \"Anna Berg lives in Paris.\", \"entities\": [{\"start\": 0, \"end\": 9, \"label\": \"PERSON\"}]}\n"
            .write(to: dir.appendingPathComponent("gold.jsonl"), atomically: true, encoding: .utf8)
        let eval = try PipelineProcess.run(["eval", "entities", "p.yaml", "--gold", "gold.jsonl"], directory: dir)
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("PERSON"), "\(eval.stdout)")
        let run = try PipelineProcess.run(["run", "p.yaml"], directory: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("missing `inputs:`"), "\(run.stderr)")
    }

    @Test func malformedGoldRecordNamesFileAndLine() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n".write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "{\"id\": \"a\", \"text\": \"Paris.\", \"entities\": [{\"start\": 0, \"end\": 5, \"label\": \"LOC\"}]}\n{\"id\": \"b\", \"text\": \"Rome.\", \"entities\": [{\"start\": 0, \"end\": 40, \"label\": \"LOC\"}]}\n"
            .write(to: dir.appendingPathComponent("gold.jsonl"), atomically: true, encoding: .utf8)
        let result = try PipelineProcess.run(["eval", "entities", "p.yaml", "--gold", "gold.jsonl"], directory: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("gold.jsonl:2: entity 1 (LOC) has start 0, end 40, outside the text"), "\(result.stderr)")
    }

    @Test func goldNamingItsTextByFileIsScoredOnResolvedSpeakers() throws {
        let dir = try FileManager.default.temporaryFolder()
        let texts = dir.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        let article = """
        Pay rises for nurses

        Health minister Vijay Rao opened the new ward in Leeds on Monday.

        “We have doubled the budget for nurses in five years,” Mr Rao said. He added that the money was “only a start”.

        """
        try article.write(to: texts.appendingPathComponent("rao.txt"), atomically: true, encoding: .utf8)
        let scalars = Array(article.unicodeScalars)
        func offsets(of part: String) -> (Int, Int) {
            let p = Array(part.unicodeScalars)
            let start = (0...(scalars.count - p.count)).first { Array(scalars[$0..<($0 + p.count)]) == p }!
            return (start, start + p.count)
        }
        let direct = offsets(of: "We have doubled the budget for nurses in five years,")
        let gold = "{\"id\": \"rao\", \"file\": \"rao.txt\", \"quotes\": [{\"start\": \(direct.0), \"end\": \(direct.1), \"kind\": \"direct\", \"speaker\": \"Vijay Rao\"}]}\n"
        try gold.write(to: dir.appendingPathComponent("gold.jsonl"), atomically: true, encoding: .utf8)
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: extract-entities\n  - uses: extract-quotes\n"
            .write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)

        let quotes = try #require(try evalJSON("quotes", gold: dir.appendingPathComponent("gold.jsonl"), dir: dir,
                                               extra: ["--texts", texts.path, "--speaker", "resolved", "--system-kinds", "direct"])["quotes"] as? [String: Any])
        #expect(quotes["speaker"] as? String == "resolved")
        #expect(quotes["gold"] as? Int == 1)
        #expect(quotes["system"] as? Int == 1)
        #expect((quotes["overlap"] as? [String: Double])?["f1"] == 1.0)
        #expect(quotes["speaker_acc"] as? Double == 1.0)

        // Without --texts the file is looked for beside the gold file, and its absence names the record.
        let missing = try PipelineProcess.run(["eval", "quotes", "run.yaml", "--gold", "gold.jsonl"], directory: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("gold.jsonl:1: cannot read \"rao.txt\""), "\(missing.stderr)")
        #expect(missing.stderr.contains("--texts"), "\(missing.stderr)")
    }
}
