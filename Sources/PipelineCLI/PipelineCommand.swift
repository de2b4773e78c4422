import ArgumentParser
import Foundation
import Logging
import PipelineKit

/// The `pipeline` command line, as a library: a custom build registers its own processors and calls `main`.
///
/// ```swift
/// import PipelineCLI
/// import Parsing
///
/// var registry = ProcessorRegistry()
/// registry.register(Parse.self)
/// registry.register(MyStep.self)
/// await PipelineCLI.main(registry: registry)
/// ```
///
/// Commands that live in other modules join through `commands` (the executable adds `serve` this way,
/// so this library does not depend on the HTTP server): `PipelineCLI.main(registry: registry, commands: [ServeCommand.self])`.
public enum PipelineCLI {
    public static func main(registry: ProcessorRegistry, commands: [any ParsableCommand.Type] = [],
                            arguments: [String]? = nil) async {
        Registry.shared = registry
        Registry.extraCommands = commands
        guard registry.conflicts.isEmpty else {
            for conflict in registry.conflicts { printError("error: \(conflict)") }
            exit(ExitStatus.invalidPipeline)
        }
        do {
            var command = try PipelineCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            PipelineCommand.exit(withError: error)
        }
    }
}

/// Set once by `PipelineCLI.main` before any command runs.
enum Registry {
    nonisolated(unsafe) static var shared = ProcessorRegistry()
    nonisolated(unsafe) static var extraCommands: [any ParsableCommand.Type] = []
}

extension PipelineCLI {
    /// The processors this binary knows, as given to `main`.
    public static var registry: ProcessorRegistry { Registry.shared }
}

/// Exit codes, documented in the README.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// The run stopped on a bad document under `on_error: fail`, or an output could not be completed.
    public static let runFailed: Int32 = 1
    /// The pipeline file is invalid or an option is unusable; nothing was read.
    public static let invalidPipeline: Int32 = 2
    public static let interrupted: Int32 = 130
    public static let terminated: Int32 = 143
}

struct PipelineCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "pipeline",
        abstract: "Runs documents through a chain of processors defined in a YAML pipeline file.",
        discussion: """
            Exit codes: 0 success (documents left out under on_error: skip are listed in the report), \
            1 the run stopped on a bad document (on_error: fail) or an output could not be completed, \
            2 invalid pipeline file, 64 bad command-line usage, 130 interrupted (Ctrl-C), 143 terminated.
            """,
        subcommands: [RunCommand.self, ValidateCommand.self, ListCommand.self, DescribeCommand.self, SchemaCommand.self,
                      NewProcessorCommand.self, EvalCommand.self, TrainCommand.self] + Registry.extraCommands
    ) }
}

/// `--quiet` and `--verbose`, shared by the commands.
public struct CommonOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors.")
    public var quiet = false

    @Flag(name: .shortAndLong, help: "Print debug logging.")
    public var verbose = false

    public init() {}

    public func bootstrapLogging() {
        let level: Logger.Level = verbose ? .debug : quiet ? .error : .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Prints a line to standard error.
public func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads and validates a pipeline file with the processors given to `PipelineCLI.main`; on a problem
/// prints every diagnostic and throws exit status 2. For commands added through `main(commands:)`;
/// `requiresInputs: false` for a command that brings its own documents (the file's `inputs:` may be left out).
public func loadPipeline(_ path: String, requiresInputs: Bool = true) throws -> Pipeline {
    do {
        var loader = PipelineLoader(registry: Registry.shared)
        loader.requiresInputs = requiresInputs
        return try loader.load(path: path)
    } catch {
        printError(error.description)
        let n = error.diagnostics.count
        printError("\(n) error\(n == 1 ? "" : "s") in \(path); nothing was run.")
        throw ExitCode(ExitStatus.invalidPipeline)
    }
}
