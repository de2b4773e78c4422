import Foundation
import Testing
import TestSupport

/// `pipeline train entities` end to end: a user's annotated documents become a model that `model:` reads.
@Suite(.serialized) struct TrainCommandTests {
    /// Sentences written for this test, with PERSON/ORG/LOC spans found by their text.
    static let sentences: [(String, [(String, String)])] = [
        ("Maria Lopez flew to Lisbon on Monday.", [("Maria Lopez", "PERSON"), ("Lisbon", "LOC")]),
        ("The board of Tandem Freight met in Oslo.", [("Tandem Freight", "ORG"), ("Oslo", "LOC")]),
        ("Peter Novak joined Tandem Freight last year.", [("Peter Novak", "PERSON"), ("Tandem Freight", "ORG")]),
        ("Rain fell over Lisbon and Oslo.", [("Lisbon", "LOC"), ("Oslo", "LOC")]),
        ("Anna Berg said the plan would work.", [("Anna Berg", "PERSON")]),
        ("Workers at Harbor Mills in Lisbon went on strike.", [("Harbor Mills", "ORG"), ("Lisbon", "LOC")]),
    ]

    func trainingFile(in dir: URL, copies: Int = 4) throws -> URL {
        var lines: [String] = []
        for copy in 0..<copies {
            for (k, (text, spans)) in Self.sentences.enumerated() {
                let entities = spans.map { name, label -> [String: Any] in
                    let start = text.range(of: name)!.lowerBound
                    let s = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: start)
                    return ["start": s, "end": s + name.unicodeScalars.count, "label": label]
                }
                let record: [String: Any] = ["id": "d\(copy)-\(k)", "text": text, "entities": entities]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record, options: .sortedKeys), as: UTF8.self))
            }
        }
        let url = dir.appendingPathComponent("train.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func trainedModelIsUsedThroughTheModelOption() throws {
        let dir = try FileManager.default.temporaryFolder()
        _ = try trainingFile(in: dir)
        let train = try PipelineProcess.run(["train", "entities", "--data", "train.jsonl", "--out", "model", "--epochs", "4",
                                             "--dev-fraction", "0.2"], directory: dir, timeout: 300)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("epoch 4/4"))
        #expect(train.stderr.contains("held-out"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("model/model.bin").path))

        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: extract-entities\n    with: {model: model}\n  - uses: export\n    with: {path: \"-\"}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let run = try PipelineProcess.run(["run", "p.yaml", "--quiet"], stdin: "{\"id\": \"x\", \"text\": \"Maria Lopez visited Oslo.\"}\n", directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"entities\""))
    }

    @Test func sameDataAndSeedGiveTheSameModelBytes() throws {
        let dir = try FileManager.default.temporaryFolder()
        _ = try trainingFile(in: dir)
        for out in ["a", "b"] {
            let r = try PipelineProcess.run(["train", "entities", "--data", "train.jsonl", "--out", out, "--epochs", "3", "--seed", "7"],
                                            directory: dir, timeout: 300)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = try Data(contentsOf: dir.appendingPathComponent("a/model.bin"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b/model.bin"))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func malformedTrainingRecordNamesFileAndLine() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "{\"id\": \"a\", \"text\": \"Oslo.\", \"entities\": []}\n{\"id\": \"b\", \"text\": \"Rome\n"
            .write(to: dir.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
        let r = try PipelineProcess.run(["train", "entities", "--data", "bad.jsonl", "--out", "m"], directory: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.jsonl:2: not a JSON object"), "\(r.stderr)")
    }

    @Test func missingModelFolderIsASetupErrorAtTheOption() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: extract-entities\n    with: {model: no-such-model}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try PipelineProcess.run(["run", "p.yaml"], stdin: "", directory: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("p.yaml:5:"), "\(r.stderr)")
        #expect(r.stderr.contains("no-such-model does not exist"), "\(r.stderr)")
    }

    @Test func noneMeansTheRulesAloneEvenBesideAFolderNamedNone() throws {
        let dir = try FileManager.default.temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("none"), withIntermediateDirectories: true)
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: extract-entities\n    with: {model: none}\n  - uses: export\n    with: {path: \"-\"}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try PipelineProcess.run(["run", "p.yaml", "--quiet"], stdin: #"{"id":"a","text":"Police chief John Carter spoke in Leeds."}"# + "\n", directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("John Carter"), "\(r.stdout)")
    }

    @Test func aPathEndingInNoneIsAFolderNotTheRulesAlone() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: extract-entities\n    with: {model: models/none}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try PipelineProcess.run(["run", "p.yaml"], stdin: "", directory: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("models/none does not exist"), "\(r.stderr)")
    }
}

