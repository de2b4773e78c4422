import Foundation
import PipelineKit
import TestSupport
@testable import Export

/// Runs documents through an `export` step created the way the runner creates it: options completed
/// from `Export.Options.spec` defaults, then decoded by the registry's descriptor.
enum Harness {
    static func makeExport(_ options: [String: JSONValue]) throws -> any Sink {
        var values: [String: JSONValue] = [:]
        for spec in Export.Options.spec { values[spec.name] = options[spec.name] ?? spec.defaultValue }
        var registry = ProcessorRegistry()
        registry.register(Export.self)
        let context = SetupContext(stepID: "export", baseDirectory: "/tmp", pipelineFile: "test.yaml")
        guard case .sink(let sink) = try registry["export"]!.make(options: .object(values), context: context) else {
            fatalError("export is registered as a sink")
        }
        return sink
    }

    /// Creates the step, writes every document, finishes.
    static func export(_ documents: [Document], _ options: [String: JSONValue]) async throws {
        let step = try makeExport(options)
        for d in documents { try await step.consume(d) }
        try await step.finish()
    }

    /// A fresh empty folder under the system temporary folder.
    static func temporaryFolder(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "export-tests-\(safe)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func lines(_ path: String) throws -> [String] {
        try read(path).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static var schemaPath: String { SharedData.repositoryRoot.appendingPathComponent("docs/output.schema.json").path }

    static func schema() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: schemaPath)))
    }

    /// Files in a folder, hidden ones included (to catch temporary files left behind).
    static func allFiles(in folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }
}

/// python3 with the `jsonschema` package, when installed (CI installs python3-jsonschema).
enum Python {
    static let hasJSONSchema: Bool = run(["-c", "import jsonschema"]).status == 0

    @discardableResult
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Validates each JSON Lines line against the schema with jsonschema (Draft 2020-12) and checks that
    /// every span's text equals text[start:end] in Python's code point indexing.
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        problems = 0
        def spans(node):
            if isinstance(node, dict):
                if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
                    yield node
                for value in node.values():
                    yield from spans(value)
            elif isinstance(node, list):
                for value in node:
                    yield from spans(value)
        lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
        for n, line in enumerate(lines, 1):
            doc = json.loads(line)
            for error in v.iter_errors(doc):
                problems += 1
                print(f"line {n}: {error.json_path}: {error.message}")
            for s in spans({k: doc[k] for k in ("entities", "quotes") if k in doc}):
                if doc["text"][s["start"]:s["end"]] != s["text"]:
                    problems += 1
                    print(f"line {n}: text[{s['start']}:{s['end']}] != {s['text']!r}")
        print(f"{len(lines)} lines, {problems} problems")
        sys.exit(1 if problems or not lines else 0)
        """
}
