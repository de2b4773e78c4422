import Foundation
import Testing
import TestSupport

/// SIGINT and SIGTERM in the middle of a real run over the BBC corpus: the run stops, exits 130 or 143,
/// and leaves every output either absent or complete and consistent with its report.
@Suite(.serialized) struct InterruptionTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func sigintLeavesCompleteOutputsAndAReport() throws {
        try interruptedRunLeavesValidOutputs(signal: SIGINT, expectedStatus: 130)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func sigtermLeavesCompleteOutputsAndAReport() throws {
        try interruptedRunLeavesValidOutputs(signal: SIGTERM, expectedStatus: 143)
    }

    func interruptedRunLeavesValidOutputs(signal: Int32, expectedStatus: Int32) throws {
        let corpus = SharedData.root.appendingPathComponent("corpus/news-bbc")
        try #require(FileManager.default.fileExists(atPath: corpus.path))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        inputs:
          - path: \(corpus.path)
            format: news
        steps:
          - uses: parse
          - uses: extract-entities
          - uses: extract-quotes
          - uses: export
            id: jsonl
            with: { format: jsonl, path: out/articles.jsonl }
          - uses: export
            id: sqlite
            with: { format: sqlite, path: out/articles.db, batch_size: 50 }
          - uses: export
            id: csv
            with: { format: csv, path: out/csv }
        settings:
          jobs: 2
        """.write(to: dir.appendingPathComponent("chain.yaml"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = PipelineProcess.executable
        process.arguments = ["run", "chain.yaml", "--quiet", "--report", "report.json"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Signal about a second into reading documents: export creates out/ once every step is set up.
        let setupDeadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), Date() < setupDeadline,
              process.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 1.0)
        let stillRunning = process.isRunning
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        // A run that finished within the second proves nothing about interruption; on this corpus it does not.
        try #require(stillRunning, "the run ended before the signal; use a larger corpus")
        #expect(process.terminationStatus == expectedStatus)

        // The report says interrupted and accounts for what was written.
        let reportData = try Data(contentsOf: dir.appendingPathComponent("report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: reportData) as? [String: Any])
        #expect(report["interrupted"] as? Bool == true)
        let counts = try #require(report["documents"] as? [String: Any])
        let written = try #require(counts["written"] as? Int)
        let read = try #require(counts["read"] as? Int)
        #expect(read > 0 && read < 2225, "the signal should come while documents are read, not before or after")

        // JSON Lines: absent, or every line a complete document, one per written document.
        let jsonl = dir.appendingPathComponent("out/articles.jsonl")
        if FileManager.default.fileExists(atPath: jsonl.path) {
            let lines = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n")
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["id"] is String && object?["text"] is String)
            }
            #expect(lines.count == written)
        }

        // SQLite: opens, passes its integrity check, one row per written document, mentions point at rows.
        let db = dir.appendingPathComponent("out/articles.db")
        if FileManager.default.fileExists(atPath: db.path) {
            #expect(try sqlite(db, "PRAGMA integrity_check;") == "ok")
            #expect(try Int(sqlite(db, "SELECT count(*) FROM documents;")) == written)
            #expect(try sqlite(db, "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents);") == "0")
            #expect(try sqlite(db, "SELECT count(*) FROM quotes WHERE document_id NOT IN (SELECT id FROM documents);") == "0")
        }

        // CSV: absent, or the documents table has a header plus one record per written document.
        let csv = dir.appendingPathComponent("out/csv/documents.csv")
        if FileManager.default.fileExists(atPath: csv.path) {
            let text = try String(contentsOf: csv, encoding: .utf8)
            #expect(csvRecordCount(text) == written + 1)
            for name in ["entities.csv", "quotes.csv"] {
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/csv/\(name)").path))
            }
        }
        // No temporary file is left behind beside the outputs.
        let left = try FileManager.default.subpathsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(left.filter { $0.contains(".tmp") || $0.hasPrefix(".") }.isEmpty, "\(left)")
    }

    /// Records in RFC 4180 text: newlines inside quoted fields do not end a record.
    func csvRecordCount(_ text: String) -> Int {
        var records = 0, inQuotes = false, sawContent = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: "\n") && !inQuotes {
                records += 1
                sawContent = false
            } else {
                sawContent = true
            }
        }
        return records + (sawContent ? 1 : 0)
    }
}
