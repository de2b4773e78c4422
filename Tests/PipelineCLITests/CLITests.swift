import Foundation
import Testing
import TestSupport

/// The `pipeline` command end to end: the shipped pipeline, exit codes, the report, list and describe.
@Suite(.serialized) struct CLITests {
    @Test func shippedNewsPipelineRunsOnTheExamples() throws {
        let folder = SharedData.repositoryRoot
        let yaml = try String(contentsOf: folder.appendingPathComponent("pipelines/news.yaml"), encoding: .utf8)
        #expect(yaml.contains("uses: parse"))
        let result = try PipelineProcess.run(["run", "pipelines/news.yaml", "--quiet"], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent("pipelines/out/articles.jsonl"), encoding: .utf8)
        let lines = written.split(separator: "\n")
        let examples = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("examples/articles").path)
        #expect(lines.count == examples.filter { !$0.hasPrefix(".") }.count)
    }

    @Test func invalidPipelineExitsTwoWithFileLineAndColumn() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: prase\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        for command in ["validate", "run"] {
            let result = try PipelineProcess.run([command, "bad.yaml"], directory: dir)
            #expect(result.status == 2)
            #expect(result.stderr.contains("bad.yaml:3:11: error: unknown processor 'prase' (did you mean 'parse'?)"))
        }
    }

    @Test func anEmptyModelPathMeansTheShippedModel() throws {
        // `describe extract-entities` says «empty uses the shipped one»: "" is no folder beside the pipeline file.
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: extract-entities\n    with: {model: \"\"}\n  - uses: export\n    with: {path: \"-\"}\n"
            .write(to: dir.appendingPathComponent("shipped.yaml"), atomically: true, encoding: .utf8)
        let result = try PipelineProcess.run(["run", "shipped.yaml", "--quiet"], stdin: "{\"id\": \"a\", \"text\": \"Ann Lee flew to Paris.\"}\n", directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"Ann Lee\""))
    }

    @Test func missingPipelineFileIsAClearError() throws {
        let result = try PipelineProcess.run(["validate", "/nonexistent/pipeline.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/pipeline.yaml:1:1: error: no such file"))
    }

    @Test func runActsAsAFilterFromStdinToStdout() throws {
        let dir = try FileManager.default.temporaryFolder()
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: export\n    with: {path: \"-\"}\n"
            .write(to: dir.appendingPathComponent("filter.yaml"), atomically: true, encoding: .utf8)
        let input = "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n"
        let result = try PipelineProcess.run(["run", "filter.yaml", "--quiet"], stdin: input, directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let ids = result.stdout.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["id"] as? String
        }
        #expect(ids == ["a", "b"])
    }

    @Test func reportListsEveryProblemDocument() throws {
        let dir = try FileManager.default.temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
        try "Good article.\n".write(to: dir.appendingPathComponent("in/good.txt"), atomically: true, encoding: .utf8)
        try Data([0x00, 0x01, 0x02, 0xFF]).write(to: dir.appendingPathComponent("in/binary.txt"))
        try "inputs: [in/]\nsteps:\n  - uses: parse\n  - uses: export\n    with: {path: out.jsonl}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let result = try PipelineProcess.run(["run", "p.yaml", "--report", "report.json"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as? [String: Any]
        let documents = report?["documents"] as? [String: Int]
        #expect(documents?["read"] == 2)
        #expect(documents?["written"] == 1)
        #expect(documents?["skipped"] == 1)
        let problems = report?["problems"] as? [[String: Any]]
        #expect(problems?.first?["document"] as? String == "binary")
        #expect((problems?.first?["reason"] as? String)?.contains("binary") == true)
        #expect(result.stderr.contains("1 skipped"))
    }

    @Test func failPolicyExitsOne() throws {
        let dir = try FileManager.default.temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data([0x00, 0x01]).write(to: dir.appendingPathComponent("in/binary.txt"))
        try "inputs: [in/]\nsteps: [{uses: parse}]\nsettings: {on_error: fail}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let result = try PipelineProcess.run(["run", "p.yaml"], directory: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("1 failed"))
    }

    @Test func listAndDescribeShowProcessorsAndOptions() throws {
        let list = try PipelineProcess.run(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("parse "))
        #expect(list.stdout.contains("export "))
        let describe = try PipelineProcess.run(["describe", "export"])
        #expect(describe.stdout.contains("path  (path; default: -)"))
        let unknown = try PipelineProcess.run(["describe", "exprot"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'export'?"))
    }

    @Test func describeSettingsListsTheDeclaredSettings() throws {
        let describe = try PipelineProcess.run(["describe", "settings"])
        #expect(describe.status == 0)
        #expect(describe.stdout.contains("jobs  (auto | integer; default: auto)"), "\(describe.stdout)")
        #expect(describe.stdout.contains("max_document_size  (size; default: 50MB)"), "\(describe.stdout)")
        #expect(describe.stdout.contains("step_timeout  (none | duration; default: 60)"), "\(describe.stdout)")
    }

    @Test func schemaIsJSONWithEveryProcessor() throws {
        let result = try PipelineProcess.run(["schema"])
        let schema = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(result.stdout.contains("\"const\" : \"parse\""))
    }

    @Test func interruptedRunExits130AndLeavesNoTruncatedOutput() throws {
        let dir = try FileManager.default.temporaryFolder()
        // A slow input: a stdin stream that never ends, so the run is still going when interrupted.
        try "inputs: [\"-\"]\nsteps:\n  - uses: parse\n  - uses: export\n    with: {path: out.jsonl}\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = PipelineProcess.executable
        process.arguments = ["run", "p.yaml", "--quiet"]
        process.currentDirectoryURL = dir
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        for i in 0..<50 { input.fileHandleForWriting.write(Data("{\"id\":\"d\(i)\",\"text\":\"Text \(i).\"}\n".utf8)) }
        Thread.sleep(forTimeInterval: 1.0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.jsonl").path))
        kill(process.processIdentifier, SIGINT)
        Thread.sleep(forTimeInterval: 0.3)
        // The reader is blocked on stdin waiting for more: closing it (as Ctrl-C does to a producer in
        // the same terminal) lets the run end.
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let written = try String(contentsOf: dir.appendingPathComponent("out.jsonl"), encoding: .utf8)
        let lines = written.split(separator: "\n")
        #expect(lines.count == 50)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    }
}
