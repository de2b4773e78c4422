import Foundation
import Testing
import TestSupport

/// scripts/ner-folds.sh, the one command behind the held-out figures in docs/processors/extract-entities.md:
/// on four small training files written here, it trains both folds with the built binary and scores them.
@Suite(.serialized) struct NerFoldsScriptTests {
    static func record(_ id: String, _ text: String, _ spans: [(String, String)]) throws -> String {
        let entities = spans.map { name, label -> [String: Any] in
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: name)!.lowerBound)
            return ["start": start, "end": start + name.unicodeScalars.count, "label": label]
        }
        let data = try JSONSerialization.data(withJSONObject: ["id": id, "text": text, "entities": entities], options: .sortedKeys)
        return String(decoding: data, as: UTF8.self)
    }

    static let sentences: [(String, [(String, String)])] = [
        ("Maria Lopez flew to Lisbon on Monday.", [("Maria Lopez", "PERSON"), ("Lisbon", "LOC")]),
        ("The board of Tandem Freight met in Oslo.", [("Tandem Freight", "ORG"), ("Oslo", "LOC")]),
        ("Peter Novak joined Tandem Freight last year.", [("Peter Novak", "PERSON"), ("Tandem Freight", "ORG")]),
    ]

    /// One document per id, the sentences in turn.
    static func file(_ url: URL, ids: [String]) throws {
        let lines = try ids.enumerated().map { k, id in
            let (text, spans) = sentences[k % sentences.count]
            return try record(id, text, spans)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func foldsScriptTrainsAndScoresEveryHeldOutSet() throws {
        let dir = try FileManager.default.temporaryFolder()
        let data = dir.appendingPathComponent("train")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Self.file(data.appendingPathComponent("gum-nonnews.jsonl"),
                      ids: ["GUM_interview_a", "GUM_interview_b", "GUM_bio_a", "GUM_bio_b", "GUM_voyage_a", "GUM_voyage_b"])
        try Self.file(data.appendingPathComponent("uner-ewt.jsonl"), ids: (0..<6).map { "uner_\($0)" })
        try Self.file(data.appendingPathComponent("wikigold.jsonl"), ids: (0..<6).map { "wikigold_\($0)" })
        try Self.file(data.appendingPathComponent("btc.jsonl"), ids: (0..<6).map { "btc_g-\($0)" } + ["btc_a-0", "btc_a-1"])
        let script = SharedData.repositoryRoot.appendingPathComponent("scripts/ner-folds.sh")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        var env = ProcessInfo.processInfo.environment
        env["TRAIN"] = data.path
        env["BIN"] = PipelineProcess.executable.path
        env["EPOCHS"] = "1"
        env["RULES"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("fold 1: training on") && stderr.contains("held out 2 gum-interview, 2 wikigold-third"))
        #expect(stderr.contains("held out 2 gum-bio, 2 btc-g-third"))
        for set in ["gum-interview", "wikigold-third", "gum-bio", "btc-g-third"] {
            #expect(stdout.contains("\(set) rules: P"), "\(stdout)")
            #expect(stdout.contains("\(set) rules+model: P"), "\(stdout)")
        }
        let summary = try #require(stdout.split(separator: "\n").last { $0.hasPrefix("summary:") })
        #expect(summary.split(separator: " ").filter { Double($0) != nil }.count == 4, "\(summary)")
    }
}
