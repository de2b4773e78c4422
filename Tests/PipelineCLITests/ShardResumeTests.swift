import Foundation
import Testing
import TestSupport

/// `pipeline run --shard I/N` and `--resume` through the command line: shards split the documents
/// without loss or overlap, and a run killed half way and resumed writes what an uninterrupted run writes.
@Suite(.serialized) struct ShardResumeTests {
    // MARK: shards

    @Test func shardsTogetherAreTheWholeRunWithNoDocumentTwice() throws {
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSmallCorpus(in: dir)
        let whole = try run(dir, output: "whole.jsonl")
        #expect(whole.count == 75)

        var union: [String: String] = [:]
        var counts: [Int] = []
        for index in 0..<3 {
            let part = try run(dir, output: "shard-\(index).jsonl", extra: ["--shard", "\(index)/3"])
            counts.append(part.count)
            for (id, line) in part {
                #expect(union[id] == nil, "\(id) is in two shards")
                union[id] = line
            }
        }
        #expect(union == whole, "the shards together differ from the whole run")
        #expect(counts.allSatisfy { $0 > 10 }, "a shard is nearly empty: \(counts)")
    }

    @Test func aDocumentsShardIsTheDocumentedHashOfItsFinalID() throws {
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSmallCorpus(in: dir)
        let part = try run(dir, output: "shard.jsonl", extra: ["--shard", "1/4"])
        // JSON Lines records are sharded by their `id` field (known after parse), not by their line.
        #expect(part.keys.contains { $0.hasPrefix("record-") })
        for id in part.keys { #expect(fnv1a64(id) % 4 == 1, "\(id)") }
    }

    @Test(arguments: ["3/3", "-1/2", "1/0", "a/b", "2", "1/2/3"])
    func badShardValuesAreUsageErrors(value: String) throws {
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSmallCorpus(in: dir)
        let result = try PipelineProcess.run(["run", "pipeline.yaml", "--shard=\(value)"], directory: dir)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--shard"), "\(result.stderr)")
        #expect(result.stderr.contains("I/N") || result.stderr.contains("numbered 0 to") || result.stderr.contains("at least 1"),
                "\(result.stderr)")
    }

    // MARK: resume

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func runKilledBySIGKILLAndResumedEqualsAnUninterruptedRun() throws {
        try killedRunResumedEqualsUninterruptedRun(signal: SIGKILL)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func runStoppedBySIGTERMAndResumedEqualsAnUninterruptedRun() throws {
        try killedRunResumedEqualsUninterruptedRun(signal: SIGTERM)
    }

    func killedRunResumedEqualsUninterruptedRun(signal: Int32) throws {
        let corpus = SharedData.root.appendingPathComponent("corpus/news-bbc")
        try #require(FileManager.default.fileExists(atPath: corpus.path))
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        inputs:
          - "\(corpus.path)/bbc-business-*.txt"
        steps:
          - uses: parse
          - uses: extract-entities
          - uses: extract-quotes
          - uses: export
            id: jsonl
            with: { format: jsonl, path: "${OUT}/articles.jsonl" }
          - uses: export
            id: sqlite
            with: { format: sqlite, path: "${OUT}/articles.db", batch_size: 20 }
        settings: { jobs: 2 }
        """.write(to: dir.appendingPathComponent("chain.yaml"), atomically: true, encoding: .utf8)

        let full = try PipelineProcess.run(["run", "chain.yaml", "--quiet"], directory: dir, environment: ["OUT": "full"], timeout: 600)
        try #require(full.status == 0, "\(full.stderr)")

        // Interrupt once the JSON Lines output has data on disk, so there is something to continue from.
        let process = Process()
        process.executableURL = PipelineProcess.executable
        process.arguments = ["run", "chain.yaml", "--quiet"]
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(["OUT": "resumed"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning, Date() < deadline, try partialBytes(dir.appendingPathComponent("resumed")) == 0 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let interrupted = process.isRunning
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        try #require(interrupted, "the run ended before it could be interrupted")
        let before = try documentLines(dir.appendingPathComponent("resumed/articles.jsonl"))
        let fullLines = try documentLines(dir.appendingPathComponent("full/articles.jsonl"))
        if signal == SIGTERM {
            // A clean stop commits what it wrote: resume has a real output to continue.
            #expect(!before.isEmpty && before.count < fullLines.count, "\(before.count) of \(fullLines.count)")
        }

        let resumed = try PipelineProcess.run(["run", "chain.yaml", "--resume", "--report", "report.json"], directory: dir,
                                              environment: ["OUT": "resumed"], timeout: 600)
        try #require(resumed.status == 0, "\(resumed.stderr)")
        let after = try documentLines(dir.appendingPathComponent("resumed/articles.jsonl"))
        #expect(after.count == fullLines.count, "each document once")
        #expect(Set(after) == Set(fullLines), "the same documents with the same content")

        // The resumed run processed only what was missing.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as? [String: Any])
        let counts = try #require(report["documents"] as? [String: Int])
        #expect((counts["already_in_output"] ?? 0) > 0, "\(counts)")
        #expect((counts["already_in_output"] ?? 0) + (counts["written"] ?? 0) == fullLines.count, "\(counts)")

        // SQLite: the same documents and annotation rows as the uninterrupted run's database.
        for table in ["documents", "entities", "mentions", "quotes"] {
            let query = "SELECT count(*) FROM \(table);"
            #expect(try sqlite(dir.appendingPathComponent("resumed/articles.db"), query)
                    == sqlite(dir.appendingPathComponent("full/articles.db"), query), "\(table)")
        }
        // Nothing temporary is left beside the outputs.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("resumed").path)
        #expect(!left.contains { $0.contains(".partial-") }, "\(left)")
    }

    @Test func resumeDropsACutLastLineAndProcessesItsDocumentAgain() throws {
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSmallCorpus(in: dir)
        let whole = try run(dir, output: "out.jsonl")
        // As left by a run killed in the middle of a write: 30 documents, then half of the next line.
        let bytes = try Data(contentsOf: dir.appendingPathComponent("out.jsonl"))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var cut = Data(lines.prefix(30).joined(separator: [UInt8(ascii: "\n")]))
        cut.append(UInt8(ascii: "\n"))
        cut.append(lines[30].prefix(lines[30].count / 2))
        try cut.write(to: dir.appendingPathComponent("out.jsonl"))

        let resumed = try PipelineProcess.run(["run", "pipeline.yaml", "--resume"], directory: dir, environment: ["OUT": "out.jsonl"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("cut short"), "\(resumed.stderr)")
        #expect(try parse(dir.appendingPathComponent("out.jsonl")) == whole)
        #expect(try documentLines(dir.appendingPathComponent("out.jsonl")).count == whole.count)
    }

    @Test(arguments: [("csv", "out/csv"), ("json", "out/all.json"), ("html", "out/report.html")])
    func resumeRefusesOutputsWrittenWhole(format: String, path: String) throws {
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSmallCorpus(in: dir)
        try """
        inputs: [docs/]
        steps:
          - uses: parse
          - uses: export
            with: { format: \(format), path: \(path) }
        """.write(to: dir.appendingPathComponent("whole.yaml"), atomically: true, encoding: .utf8)
        let result = try PipelineProcess.run(["run", "whole.yaml", "--resume"], directory: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--resume cannot continue a \(format) output"), "\(result.stderr)")
        #expect(result.stderr.contains("resume works with format jsonl and sqlite"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path), "nothing is written")
    }

    @Test func resumeRefusesStandardOutput() throws {
        let dir = try FileManager.default.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSmallCorpus(in: dir)
        let result = try PipelineProcess.run(["run", "pipeline.yaml", "--resume"], directory: dir, environment: ["OUT": "-"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--resume cannot continue standard output"), "\(result.stderr)")
    }

    // MARK: helpers

    /// 45 news files in two folders and 30 JSON Lines records (25 with an id, 5 without), written here.
    func writeSmallCorpus(in dir: URL) throws {
        let people = ["Maria Lopez", "Tom Becker", "Aiko Tanaka", "Samuel Okafor", "Ingrid Holm"]
        let places = ["Lisbon", "Hamburg", "Osaka", "Lagos", "Bergen"]
        func story(_ n: Int) -> String {
            let who = people[n % people.count], place = places[(n / 2) % places.count]
            return "Harbour plan \(n) approved\n\n\(place.uppercased()) — The city council of \(place) approved plan \(n) on Tuesday.\n\n"
                + "\"We waited \(n + 2) years for this,\" said \(who), the council's chair. \(who.split(separator: " ")[1]) added that work starts in May.\n"
        }
        for n in 0..<45 {
            let folder = dir.appendingPathComponent(n % 2 == 0 ? "docs/north" : "docs/south")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try story(n).write(to: folder.appendingPathComponent("story-\(n).txt"), atomically: true, encoding: .utf8)
        }
        var records = ""
        for n in 45..<75 {
            let text = story(n).replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\"", with: "\\\"")
            records += n < 70 ? "{\"id\": \"record-\(n)\", \"text\": \"\(text)\"}\n" : "{\"text\": \"\(text)\"}\n"
        }
        try records.write(to: dir.appendingPathComponent("records.jsonl"), atomically: true, encoding: .utf8)
        try """
        inputs: [docs/, records.jsonl]
        steps:
          - uses: parse
          - uses: extract-entities
          - uses: extract-quotes
          - uses: export
            with: { format: jsonl, path: "${OUT}" }
        settings: { jobs: 2 }
        """.write(to: dir.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)
    }

    /// Runs the small corpus' pipeline into `output`; its documents by id.
    func run(_ dir: URL, output: String, extra: [String] = []) throws -> [String: String] {
        let result = try PipelineProcess.run(["run", "pipeline.yaml", "--quiet"] + extra, directory: dir, environment: ["OUT": output])
        try #require(result.status == 0, "\(result.stderr)")
        return try parse(dir.appendingPathComponent(output))
    }

    func parse(_ file: URL) throws -> [String: String] {
        var documents: [String: String] = [:]
        for line in try documentLines(file) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(object["id"] as? String)
            #expect(documents[id] == nil, "\(id) twice in \(file.lastPathComponent)")
            documents[id] = line
        }
        return documents
    }

    func documentLines(_ file: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Bytes in the export's temporary files (`.articles.jsonl.partial-…`) in a folder.
    func partialBytes(_ folder: URL) throws -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        return names.filter { $0.hasPrefix(".articles.jsonl.partial-") }.reduce(0) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0
            return total + size
        }
    }

    /// The documented shard hash, written out again here so the test does not trust the code under test.
    func fnv1a64(_ id: String) -> UInt64 {
        id.utf8.reduce(UInt64(0xcbf29ce484222325)) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
    }
}
