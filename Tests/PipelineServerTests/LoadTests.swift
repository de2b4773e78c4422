import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
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
        // HummingbirdTesting's clients give each request a fixed 15 s deadline, which a queued request can miss on a
        // loaded machine under the address sanitizer; this test is about errors and equal answers, not latency
        // (scripts/bench-serve.sh measures that), so it posts through URLSession with a generous timeout.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.timeoutIntervalForRequest = 600
        let session = URLSession(configuration: configuration)
        try await service.application().test(.live) { client in
            let port = try #require(client.port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // 8 clients, each posting every 8th article: more than the 2 jobs, so requests queue.
                for clientIndex in 0..<8 {
                    group.addTask {
                        for article in articles.enumerated().filter({ $0.offset % 8 == clientIndex }).map(\.element) {
                            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/annotate?id=\(article.id)")!)
                            request.httpMethod = "POST"
                            request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
                            request.httpBody = Data(article.text.utf8)
                            let (data, response) = try await session.data(for: request)
                            let status = (response as? HTTPURLResponse)?.statusCode
                            #expect(status == 200, "\(article.id): \(String(decoding: data.prefix(200), as: UTF8.self))")
                            let json = try JSONDecoder().decode(JSONValue.self, from: data)
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
