import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PipelineKit
import Testing
import TestSupport

/// `pipeline serve` as a user runs it: the real binary on a free loopback port, stopped by SIGTERM
/// while requests are in flight.
@Suite struct ShutdownTests {
    /// Starts `pipeline serve` and returns it with the address it printed ("127.0.0.1:41234").
    static func start(_ arguments: [String]) throws -> (Process, String, Pipe) {
        let process = Process()
        process.executableURL = PipelineProcess.executable
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = SharedData.repositoryRoot
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) {
                return (process, String(seen[range].dropFirst("http://".count)), err)
            }
        }
        process.terminate()
        throw ServeStartError(output: seen)
    }

    struct ServeStartError: Error { var output: String }

    /// The server's last line, "pipeline serve: stopped: 24 accepted, 24 answered, 0 cut", as numbers.
    static func ledger(_ log: String) -> (accepted: Int, answered: Int, cut: Int)? {
        guard let range = log.range(of: #"stopped: [0-9]+ accepted, [0-9]+ answered, [0-9]+ cut"#, options: .regularExpression) else { return nil }
        let numbers = log[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : nil
    }

    @Test func sigtermAnswersEveryAcceptedRequestThenExitsZero() async throws {
        let (process, address, err) = try Self.start(["pipelines/news.yaml", "--port", "0", "--jobs", "1", "--queue", "100"])
        defer { if process.isRunning { process.terminate() } }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: configuration)
        let article = String(repeating: Harness.article + "\n\n", count: 6)
        let total = 24

        let (statuses, polls) = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<total {
                group.addTask {
                    var request = URLRequest(url: URL(string: "http://\(address)/v1/annotate?id=doc-\(i)")!)
                    request.httpMethod = "POST"
                    request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
                    request.httpBody = Data(article.utf8)
                    let data: Data, response: URLResponse
                    do {
                        (data, response) = try await session.data(for: request)
                    } catch {
                        // Refused, or reset in the listener's backlog: allowed only for a request the server
                        // never read, which the server's own count below must bear out.
                        return 0
                    }
                    let status = (response as? HTTPURLResponse)?.statusCode ?? -1
                    if status == 200 {
                        let json = try JSONDecoder().decode(JSONValue.self, from: data)
                        return json["id"] == .string("doc-\(i)") ? 200 : -2
                    }
                    return status
                }
            }
            // Stop it once requests are in flight (one job: the rest wait in the queue), however slow the
            // machine; the polls are requests too, and answered ones.
            var polls = 0
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                polls += 1
                let (data, _) = try await session.data(from: URL(string: "http://\(address)/metrics")!)
                let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("pipeline_requests_in_flight ") }
                if let line, let n = Double(line.split(separator: " ").last ?? ""), n >= 2 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            kill(process.processIdentifier, SIGTERM)
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return (statuses, polls)
        }
        process.waitUntilExit()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(log)")
        let ledger = try #require(Self.ledger(log), "no 'stopped: N accepted, N answered, N cut' line in: \(log)")
        let answered = statuses.filter { $0 == 200 }.count, failed = statuses.filter { $0 == 0 }.count
        #expect(statuses.count == total)
        // The counts reconcile: every request the server read was answered, and every answer arrived in
        // full as a 200 with its own document; a client error is only a request the server never read.
        #expect(ledger.accepted == ledger.answered && ledger.cut == 0, "server: \(ledger), statuses: \(statuses)")
        #expect(answered + polls == ledger.answered, "server: \(ledger), statuses: \(statuses)")
        #expect(failed == total + polls - ledger.accepted, "server: \(ledger), statuses: \(statuses)")
        #expect(answered + failed == total, "statuses: \(statuses)")
        #expect(answered >= 2, "statuses: \(statuses)")
    }
}
