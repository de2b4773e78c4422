import Foundation
import Hummingbird
import HummingbirdTesting
import PipelineKit
import PipelineServer
import Testing
import TestSupport

/// A short load on a live server on loopback: concurrent clients, no errors, and the same annotations
/// as `pipeline run` writes for the same files.
@Suite struct LoadTests {
    /// Articles: the first 48 of ../shared/corpus/news-bbc, or generated ones where it is absent.
    static func articles() throws -> [(id: String, path: String?, text: String)] {
        let folder = SharedData.url("corpus/news-bbc")
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".txt") }).sorted(),
           names.count >= 48 {
            return try names.prefix(48).map { name in
                let path = folder.appendingPathComponent(name).path
                return (String(name.dropLast(4)), path, try String(contentsOfFile: path, encoding: .utf8))
            }
        }
        return (1...48).map { i in ("generated-\(i)", nil, "Article \(i)\n\n" + String(repeating: Harness.article + "\n\n", count: 1 + i % 4)) }
    }

    @Test func concurrentClientsGetTheSameAnnotationsAsPipelineRun() async throws {
        let articles = try Self.articles()
        let service = try Harness.service(stepTimeout: "60s", jobs: 2, queue: 64)
        let answers = Locked<[String: JSONValue]>([:])
        try await service.application().test(.ahc(.http)) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                // 4 clients, each posting every 4th article: more than the 2 jobs, so requests queue, and few enough
                // that a queued request meets the test client's 15 s deadline on a busy debug build.
                for clientIndex in 0..<4 {
                    group.addTask {
                        for article in articles.enumerated().filter({ $0.offset % 4 == clientIndex }).map(\.element) {
                            let response = try await client.execute(uri: "/v1/annotate?id=\(article.id)", method: .post,
                                                                    headers: [.contentType: "text/plain"], body: ByteBuffer(string: article.text))
                            #expect(response.status == .ok, "\(article.id): \(String(buffer: response.body).prefix(200))")
                            let json = try Harness.json(response.body)
                            answers.withLock { $0[article.id] = json }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let served = answers.withLock { $0 }
        #expect(served.count == articles.count)

        // `pipeline run` on the same files (or the same texts written to files), through the Runner.
        let folder = Harness.folder()
        for article in articles {
            let path = folder.appendingPathComponent("in/\(article.id).txt")
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(article.text.utf8).write(to: path)
        }
        let yaml = """
            inputs:
              - path: in/
            steps:
              - uses: parse
              - uses: extract-entities
              - uses: extract-quotes
              - uses: export
                with: { format: jsonl, path: out.jsonl }
            """
        let pipeline = try PipelineLoader(registry: Harness.registry).load(yaml: yaml, file: "run.yaml", baseDirectory: folder.path)
        let report = await (try Runner(pipeline: pipeline)).run()
        #expect(report.documents.written == articles.count)
        let lines = try String(contentsOf: folder.appendingPathComponent("out.jsonl"), encoding: .utf8).split(separator: "\n")
        for line in lines {
            let run = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
            guard let id = run["id"]?.stringValue, let answer = served[id] else {
                Issue.record("pipeline run wrote \(run["id"]?.displayString ?? "?") which the server did not answer")
                continue
            }
            for key in ["text", "metadata", "paragraphs", "sentences", "entities", "entity_table", "quotes"] {
                #expect(answer[key] == run[key], "\(id): \(key) differs between serve and run")
            }
        }
    }
}
