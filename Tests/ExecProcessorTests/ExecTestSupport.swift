import Foundation
import PipelineKit
@testable import ExecProcessor

/// Helpers: a temp folder with a Python child, and an `Exec` made as the loader would (defaults filled).
enum ExecFixture {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exec-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A Python child that reacts to words in the text: "crash" exits 3, "hang" sleeps, "garbage" prints
    /// a non-JSON line, "reject" answers with an error, "retext" changes the text; otherwise it adds
    /// metadata.word_count and a `shout` layer.
    static let script = """
        import json, sys, time
        for line in sys.stdin:
            doc = json.loads(line)
            text = doc["text"]
            if "crash" in text:
                print("about to crash on " + doc["id"], file=sys.stderr)
                sys.stderr.flush()
                sys.exit(3)
            if "hang" in text:
                time.sleep(600)
            if "garbage" in text:
                print("this is not json", flush=True)
                continue
            if "reject" in text:
                print(json.dumps({"id": doc["id"], "error": "no thanks"}), flush=True)
                continue
            if "retext" in text:
                doc["text"] = text.upper()
            doc["metadata"]["word_count"] = len(text.split())
            doc.setdefault("layers", {})["shout"] = {"text": text.upper()}
            print(json.dumps(doc), flush=True)
        """

    static func exec(in folder: URL, _ with: [String: JSONValue], jobs: Int = 1) throws -> Exec {
        let options = try Exec.Options.decode(.object(with))
        return try Exec(options: options, context: SetupContext(stepID: "exec", baseDirectory: folder.path,
                                                                 pipelineFile: folder.appendingPathComponent("p.yaml").path, jobs: jobs))
    }

    static func childExec(timeout: Double = 5) throws -> (Exec, URL) {
        let dir = try folder()
        try script.write(to: dir.appendingPathComponent("child.py"), atomically: true, encoding: .utf8)
        return (try exec(in: dir, ["command": ["python3", "child.py"], "timeout": .double(timeout)]), dir)
    }
}
