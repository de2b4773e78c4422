import ArgumentParser
import Dispatch
import Foundation
import Logging
import PipelineKit

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over its inputs.",
        discussion: "Example: pipeline run pipelines/news.yaml --report out/report.json"
    )

    @Argument(help: "The pipeline file (YAML).")
    var config: String

    @ArgumentParser.Option(help: "Documents in flight at once (overrides settings.jobs).")
    var jobs: Int?

    @ArgumentParser.Option(help: "Write the run report as JSON to this file.")
    var report: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be from 1 to 1024") }
    }

    func run() async throws {
        common.bootstrapLogging()
        // Watch for signals before setup (loading lexicons takes a moment): a Ctrl-C then still ends with
        // exit 130, complete (empty) outputs and a report, not a default kill that leaves temporary files.
        let stopTarget = StopTarget()
        let signals = SignalWatcher { stopTarget.stop() }
        var pipeline = try loadPipeline(config)
        if let jobs { pipeline.settings.jobs = jobs }
        let logger = Logger(label: "pipeline")
        let runner: Runner
        do {
            runner = try Runner(pipeline: pipeline, logger: logger)
        } catch {
            printError(error.description)
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        stopTarget.attach(runner)

        let progress = ProgressLine(enabled: !common.quiet && isatty(STDERR_FILENO) == 1,
                                    totalBytes: isatty(STDERR_FILENO) == 1 ? InputReader.totalBytes(of: pipeline.inputs) : nil)
        let result = await runner.run(onProgress: { progress.update($0) })
        progress.clear()
        signals.cancel()

        if !common.quiet || !result.problems.isEmpty { printError(result.summary) }
        if let path = report {
            do {
                try result.jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                printError("cannot write the report to \(path): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.runFailed)
            }
        }
        if let signal = signals.received { throw ExitCode(signal == SIGTERM ? ExitStatus.terminated : ExitStatus.interrupted) }
        if result.documents.failed > 0 || result.problems.contains(where: { $0.outcome == "failed" }) {
            throw ExitCode(ExitStatus.runFailed)
        }
    }
}

/// The runner a signal stops, once it exists; a signal that came before is passed on when it is attached.
final class StopTarget: @unchecked Sendable {
    private let lock = NSLock()
    private var runner: Runner?
    private var requested = false

    func stop() {
        lock.withLock { requested = true; return runner }?.requestStop()
    }

    func attach(_ runner: Runner) {
        if lock.withLock({ self.runner = runner; return requested }) { runner.requestStop() }
    }
}

/// Turns SIGINT and SIGTERM into a clean stop; a second signal exits at once
/// (outputs are written under temporary names, so nothing is left truncated).
final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var _received: Int32?

    var received: Int32? { lock.withLock { _received } }

    init(onStop: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let first = self.lock.withLock { () -> Bool in
                    defer { if self._received == nil { self._received = sig } }
                    return self._received == nil
                }
                if first {
                    FileHandle.standardError.write(Data("\nstopping: finishing documents in flight (signal again to quit at once)\n".utf8))
                    onStop()
                } else {
                    exit(sig == SIGTERM ? ExitStatus.terminated : ExitStatus.interrupted)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}

/// "1,204 docs  85.3 docs/s  12.4/40.1 MB  ETA 0:21" on one line of a terminal, at most 4 times a second.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let totalBytes: Int?
    private var lastPrint = -1.0
    private let lock = NSLock()

    init(enabled: Bool, totalBytes: Int?) {
        self.enabled = enabled
        self.totalBytes = totalBytes
    }

    func update(_ p: Runner.Progress) {
        guard enabled else { return }
        lock.withLock {
            guard p.elapsed - lastPrint >= 0.25 else { return }
            lastPrint = p.elapsed
            let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
            var line = "\(p.done) docs  \(String(format: "%.1f", rate)) docs/s  \(String(format: "%.1f", Double(p.bytesRead) / 1e6)) MB"
            if let total = totalBytes, total > 0, p.bytesRead > 0 {
                line += " of \(String(format: "%.1f", Double(total) / 1e6)) MB"
                let remaining = p.elapsed * Double(max(0, total - p.bytesRead)) / Double(p.bytesRead)
                line += "  ETA \(Int(remaining) / 60):\(String(format: "%02d", Int(remaining) % 60))"
            }
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    func clear() {
        guard enabled, lastPrint >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
