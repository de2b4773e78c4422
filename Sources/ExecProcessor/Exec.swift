#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import PipelineKit

/// `exec`: runs each document through a child process in any language, one JSON line each way
/// (docs/exec-protocol.md).
///
/// ```yaml
/// - uses: exec
///   with: { command: [python3, my_step.py], timeout: 5s, provides: [keywords] }
/// ```
///
/// Children: one per document in flight (`processes`, default `settings.jobs`), each alive across documents.
/// A crash, a timeout or an answer that is not a document fails only the document in flight; that child is
/// killed and a fresh one serves the next document.
public struct Exec: Processor {
    public struct Options: ProcessorOptions {
        /// An optional layer sent to the child.
        public enum Sent: String, OptionChoice { case paragraphs, sentences, tokens }

        @Option("The program and its arguments, e.g. [python3, my_step.py]; found on PATH, run in working_directory.", required: true)
        public var command: [String] = []
        @Option(duration: "Longest wait for one document's answer; past it the document fails and the child is killed and restarted.")
        public var timeout = 30.0
        @Option(duration: "Extra time allowed for a fresh child's first document (starting Python, loading a model).")
        public var startupTimeout = 10.0
        @Option("Children running at once, one per document in flight; 0 means settings.jobs.")
        public var processes = 0
        @Option("Restarts (after crashes, timeouts, bad answers) allowed in one run; past it every further document fails.")
        public var maxRestarts = 100
        @Option("Extra environment variables for the child.")
        public var env: [String: String] = [:]
        @Option(path: "The child's current folder; empty means the pipeline file's folder.")
        public var workingDirectory = ""
        @Option("Optional layers sent to the child (text, metadata, entities, quotes and custom layers always go); leave out tokens to send less.")
        public var send: [Sent] = [.paragraphs, .sentences, .tokens]
        @Option("Layers the child needs; validation checks an earlier step provides them.")
        public var requires = ["text"]
        @Option("Layers the child adds (custom layer names or core ones such as entities), for later steps' requires.")
        public var provides: [String] = []

        public init() {}
    }

    public static let name = "exec"
    public static let summary = "Runs each document through an external program (any language) over JSON Lines on stdin/stdout."
    public static let requires: [LayerName] = [.text]

    public static func requires(options: Options) -> [LayerName] { options.requires.map { LayerName($0) } }
    public static func provides(options: Options) -> [LayerName] { options.provides.map { LayerName($0) } }

    let options: Options
    let provides: Set<LayerName>
    let pool: ChildPool
    let layers: DocumentJSON.Layers
    let logger: Logger

    public init(options: Options, context: SetupContext) throws {
        guard let program = options.command.first, !program.isEmpty else {
            throw SetupError("command is empty; give the program and its arguments, e.g. [python3, my_step.py]", option: "command")
        }
        guard options.timeout > 0 else { throw SetupError("timeout must be more than 0", option: "timeout") }
        guard options.startupTimeout >= 0 else { throw SetupError("startup_timeout must be 0 or more", option: "startup_timeout") }
        guard options.processes >= 0 else { throw SetupError("processes must be 0 (settings.jobs) or more", option: "processes") }
        guard options.maxRestarts >= 0 else { throw SetupError("max_restarts must be 0 or more", option: "max_restarts") }

        let directory = options.workingDirectory.isEmpty ? context.baseDirectory : options.workingDirectory
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw SetupError("working_directory \(directory) is not a folder; create it or give an existing folder "
                + "(relative paths are resolved against the pipeline file's folder)", option: "working_directory")
        }
        var environment = ProcessInfo.processInfo.environment
        // A crashing Swift child would print a long backtrace; Python children should not buffer stdout.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["PYTHONUNBUFFERED"] = "1"
        environment.merge(options.env) { $1 }
        guard let executable = Self.findExecutable(program, in: directory, path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw SetupError("command '\(program)' was not found (searched \(program.contains("/") ? directory : "PATH")); "
                + "install it or give its full path", option: "command")
        }
        // A write to a child that just died must be an error for that document, not a SIGPIPE for the run.
        signal(SIGPIPE, SIG_IGN)

        self.options = options
        self.provides = Set(Self.provides(options: options))
        self.logger = context.logger
        var layers: DocumentJSON.Layers = []
        if options.send.contains(.paragraphs) { layers.insert(.paragraphs) }
        if options.send.contains(.sentences) { layers.insert(.sentences) }
        if options.send.contains(.tokens) { layers.insert(.tokens) }
        self.layers = layers
        let display = options.command.joined(separator: " ")
        pool = ChildPool(command: .init(executable: executable, arguments: Array(options.command.dropFirst()),
                                        environment: environment, workingDirectory: directory, display: display),
                         size: options.processes == 0 ? context.jobs : options.processes,
                         maxRestarts: options.maxRestarts, logger: context.logger)
    }

    static func findExecutable(_ program: String, in directory: String, path: String) -> String? {
        if program.contains("/") {
            let full = program.hasPrefix("/") ? program : URL(fileURLWithPath: directory).appendingPathComponent(program).standardizedFileURL.path
            return access(full, X_OK) == 0 ? full : nil
        }
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let full = "\(folder)/\(program)"
            if access(full, X_OK) == 0 { return full }
        }
        return nil
    }

    public func process(_ document: inout Document) async throws {
        var line = [UInt8](try DocumentJSON.encode(document, layers: layers))
        line.append(10)
        let request = line
        let child = try await pool.checkout()
        let timeout = options.timeout, startup = options.startupTimeout
        // Cancelled (the run's step_timeout passed): kill the child, so the blocked exchange returns at once.
        let answer = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Blocking poll on a Dispatch thread: a hung child must not hold a processor thread.
                DispatchQueue.global().async { continuation.resume(returning: child.exchange(request, timeout: timeout, startup: startup)) }
            }
        } onCancel: {
            child.interrupt()
        }
        switch answer {
        case .line(let line):
            do {
                let outcome = try ExecMerge.apply(answer: line, to: &document, sentLayers: layers, provides: provides)
                pool.checkin(child)
                if case .rejected(let reason) = outcome { throw DocumentRejected("the child rejected it: \(reason)") }
            } catch let error as ExecMerge.ProtocolError {
                // Out of step with us (a stray print?): its next line could be this document's answer.
                await fail(child)
                throw DocumentRejected("\(error.message); the child (\(options.command.joined(separator: " "))) was restarted")
            }
        case .exited:
            await fail(child)
            throw DocumentRejected("the child process (\(options.command.joined(separator: " "))) ended with \(child.exitDescription) "
                + "while processing this document; it is restarted for the next one" + Self.stderrNote(child))
        case .timedOut:
            await fail(child)
            let allowed = Self.seconds(timeout) + (child.answered == 0 ? " (+ startup_timeout \(Self.seconds(startup)) for a fresh child)" : "")
            throw DocumentRejected("no answer within the timeout of \(allowed); the child process was killed "
                + "and is restarted for the next document" + Self.stderrNote(child))
        case .tooLong:
            await fail(child)
            throw DocumentRejected("the child's answer is longer than \(ChildProcess.maxLineBytes >> 20) MB; the child was restarted")
        }
    }

    /// Kills and reaps the child off the cooperative pool, then frees its place.
    private func fail(_ child: ChildProcess) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                child.kill()
                continuation.resume()
            }
        }
        pool.discard(child)
    }

    static func stderrNote(_ child: ChildProcess) -> String {
        let lines = child.lastStderrLines.suffix(5)
        return lines.isEmpty ? "" : "; last stderr lines: " + lines.joined(separator: " | ")
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s))s" : String(format: "%.3gs", s)
    }

    public func finish() async throws {
        let pool = self.pool
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                pool.shutdown(grace: 2)
                continuation.resume()
            }
        }
    }
}
