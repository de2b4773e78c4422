import Foundation
import PipelineKit
import Testing
@testable import Export

@Suite struct OutputFileTests {
    @Test func theTargetAppearsOnlyWhenTheRunFinishes() async throws {
        let folder = Harness.temporaryFolder()
        let path = folder + "/out.jsonl"
        let step = try Harness.makeExport(["format": "jsonl", "path": .string(path)])
        let d = Samples.library
        for _ in 0..<50 { try await step.consume(d) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try await step.finish()
        #expect(try Harness.lines(path).count == 50)
        #expect(Harness.allFiles(in: folder) == ["out.jsonl"])
    }

    @Test func anAbandonedRunKeepsThePreviousFileAndLeavesNoTemporaryFile() async throws {
        let folder = Harness.temporaryFolder()
        let path = folder + "/out.jsonl"
        try await Harness.export([Samples.bare], ["format": "jsonl", "path": .string(path)])
        let before = try Harness.read(path)
        do {
            let step = try Harness.makeExport(["format": "jsonl", "path": .string(path)])
            let d = Samples.library
            try await step.consume(d)
            // The step is dropped without finish(), as when a later step's setup fails.
        }
        #expect(try Harness.read(path) == before)
        #expect(Harness.allFiles(in: folder) == ["out.jsonl"])
    }

    @Test func aTemporaryFileOfAKilledRunIsRemovedByTheNextRun() async throws {
        let folder = Harness.temporaryFolder()
        // pid 2^22+1 is above Linux's pid_max limit, so no such process exists.
        let stale = folder + "/.out.jsonl.partial-4194305-1"
        FileManager.default.createFile(atPath: stale, contents: Data("{\"schema_version\":\"1.0\",\"id\":\"trunc".utf8))
        try await Harness.export([Samples.bare], ["format": "jsonl", "path": .string(folder + "/out.jsonl")])
        #expect(Harness.allFiles(in: folder) == ["out.jsonl"])
    }

    @Test func overwriteOursReplacesOnlyFilesAnExportWrote() async throws {
        let folder = Harness.temporaryFolder()
        let ours = folder + "/ours.jsonl"
        try await Harness.export([Samples.bare], ["format": "jsonl", "path": .string(ours)])
        try await Harness.export([Samples.library, Samples.bare], ["format": "jsonl", "path": .string(ours)])
        #expect(try Harness.lines(ours).count == 2)

        let theirs = folder + "/notes.jsonl"
        FileManager.default.createFile(atPath: theirs, contents: Data("{\"precious\": true}\n".utf8))
        #expect {
            try Harness.makeExport(["format": "jsonl", "path": .string(theirs)])
        } throws: { error in
            let e = error as? SetupError
            return e?.option == "path" && e!.message.contains("not written by export") && e!.message.contains("overwrite: always")
        }
        #expect(try Harness.read(theirs) == "{\"precious\": true}\n")
        try await Harness.export([Samples.bare], ["format": "jsonl", "path": .string(theirs), "overwrite": "always"])
        #expect(try Harness.lines(theirs).count == 1)

        #expect(throws: SetupError.self) {
            try Harness.makeExport(["format": "jsonl", "path": .string(ours), "overwrite": "never"])
        }
        // The first export version wrote keys sorted: its files are recognised too.
        let older = folder + "/older.jsonl"
        FileManager.default.createFile(atPath: older, contents: Data("{\"entities\":[],\"id\":\"a\",\"schema_version\":\"1.0\"}\n".utf8))
        try await Harness.export([Samples.bare], ["format": "jsonl", "path": .string(older)])

                // Each format recognises its own earlier output.
        for (format, path) in [("json", folder + "/a.json"), ("html", folder + "/r.html"), ("csv", folder + "/csv")] {
            try await Harness.export([Samples.bare], ["format": .string(format), "path": .string(path)])
            try await Harness.export([Samples.library], ["format": .string(format), "path": .string(path)])
        }
    }

    @Test func badPathsAreSetupErrorsBeforeAnyDocument() throws {
        let folder = Harness.temporaryFolder()
        FileManager.default.createFile(atPath: folder + "/file", contents: Data())
        let cases: [(JSONValue, JSONValue, String)] = [
            ("jsonl", .string(folder + "/file/out.jsonl"), "is a file"),        // a file where a folder is needed
            ("sqlite", .string(folder + "/file/deeper/out.db"), "is a file"),
            ("jsonl", .string(folder), "is a folder"),                           // a folder where a file is needed
            ("html", "-", "cannot write to stdout"),
            ("csv", .string(folder + "/file"), "is a file"),
        ]
        for (format, path, message) in cases {
            #expect {
                try Harness.makeExport(["format": format, "path": path])
            } throws: { error in
                (error as? SetupError)?.option == "path" && "\(error)".contains(message)
            }
        }
        #expect(throws: SetupError.self) { try Harness.makeExport(["format": "sqlite", "path": .string(folder + "/x.db"), "batch_size": 0]) }
    }

    @Test func unwritableFoldersAreSetupErrors() throws {
        guard getuid() != 0 else { return }  // root may write anywhere; the check below would not apply
        #expect(throws: SetupError.self) { try Harness.makeExport(["format": "jsonl", "path": "/proc/out.jsonl"]) }
    }

    @Test func severalExportStepsInOneRunWriteTheirOwnOutputs() async throws {
        let folder = Harness.temporaryFolder()
        let formats: [(String, String)] = [("jsonl", "/a.jsonl"), ("json", "/a.json"), ("csv", "/csv"), ("sqlite", "/a.db"), ("html", "/a.html")]
        let steps = try formats.map { try Harness.makeExport(["format": .string($0.0), "path": .string(folder + $0.1)]) }
        for d in [Samples.library, Samples.hostile] {
            for step in steps { try await step.consume(d) }
        }
        for step in steps { try await step.finish() }
        #expect(Harness.allFiles(in: folder) == ["a.db", "a.html", "a.json", "a.jsonl", "csv", "csv/documents.csv",
                                                 "csv/entities.csv", "csv/quotes.csv"])
    }
}
