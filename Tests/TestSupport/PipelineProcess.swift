import Foundation

/// Runs the built `pipeline` executable, for end-to-end tests of the command line.
///
/// ```swift
/// let result = try PipelineProcess.run(["validate", "bad.yaml"])
/// #expect(result.status == 2)
/// #expect(result.stderr.contains("bad.yaml:3:11"))
/// ```
public enum PipelineProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `pipeline` binary beside the test bundle (`swift test` builds it first).
    public static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("pipeline"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pipeline"),
            SharedData.repositoryRoot.appendingPathComponent(".build/debug/pipeline"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs `pipeline` with arguments, optional standard input, in `directory`; waits up to `timeout` seconds.
    public static func run(_ arguments: [String], stdin: String? = nil, directory: URL? = nil,
                           environment: [String: String] = [:], timeout: Double = 120) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let stdoutData = Locked(Data()), stderrData = Locked(Data())
        let group = DispatchGroup()
        for (pipe, sink) in [(out, stdoutData), (err, stderrData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TimeoutError(arguments: arguments)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData.get(), as: UTF8.self),
                      stderr: String(decoding: stderrData.get(), as: UTF8.self))
    }

    public struct TimeoutError: Error { public var arguments: [String] }
}

final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func set(_ v: T) { lock.withLock { value = v } }
    func get() -> T { lock.withLock { value } }
}
