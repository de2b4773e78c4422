import Logging

/// A step of a pipeline: it reads a `Document`'s layers and writes its own.
///
/// A processor is created once per run from its decoded `Options` and then called for every document,
/// possibly from several tasks at once (up to `settings.jobs`), so it holds no per-document state.
/// Steps that write documents out are `Sink`s, not processors.
///
/// The runner records which step produced each layer (from `provides`, and the custom layers a step
/// sets); a processor only writes the layers themselves. Custom layers are typed (`LayerKey`).
///
/// `process` runs on the runner's processor threads, never on the thread that enforces
/// `settings.step_timeout`. Past the limit the document is rejected and the step's task is cancelled:
/// a long loop should check `Task.isCancelled` (or call `try Task.checkCancellation()`) now and then.
///
/// ```swift
/// public struct Shout: Processor {
///     public struct Options: ProcessorOptions {
///         @Option("How many exclamation marks to add.") public var marks = 1
///         public init() {}
///     }
///     public static let name = "shout"
///     public static let summary = "Upper-cases the title."
///     public static let requires: [LayerName] = [.text]
///     let options: Options
///     public init(options: Options, context: SetupContext) throws { self.options = options }
///     public func process(_ document: inout Document) async throws {
///         document.metadata.title = document.metadata.title.map { $0.uppercased() + String(repeating: "!", count: options.marks) }
///     }
/// }
/// ```
public protocol Processor: Sendable {
    associatedtype Options: ProcessorOptions = NoOptions

    /// The name a pipeline file `uses:`, such as "extract-quotes".
    static var name: String { get }
    /// One line for `pipeline list`.
    static var summary: String { get }
    /// Layers an earlier step must provide; validation names the step that would.
    static var requires: [LayerName] { get }
    /// Layers this processor adds.
    static var provides: [LayerName] { get }
    /// Input formats this processor reads from raw bytes, for inputs' `format:` ("html", "jsonl"); a parsing
    /// step declares them, others leave the default (none).
    static var inputFormats: [String] { get }
    /// The layers one step needs, given its options; by default `requires`. A processor whose layers depend
    /// on its configuration (`exec` declares them under `with:`) overrides this; validation calls it.
    static func requires(options: Options) -> [LayerName]
    /// The layers one step adds, given its options; by default `provides`.
    static func provides(options: Options) -> [LayerName]

    init(options: Options, context: SetupContext) throws
    func process(_ document: inout Document) async throws
    /// Called once after the last document, to release what the processor holds (child processes).
    func finish() async throws
}

extension Processor {
    public static var requires: [LayerName] { [] }
    public static var provides: [LayerName] { [] }
    public static var inputFormats: [String] { [] }
    public static func requires(options: Options) -> [LayerName] { requires }
    public static func provides(options: Options) -> [LayerName] { provides }
    public func finish() async throws {}
}

/// What a processor learns about its place in the run when it is created.
public struct SetupContext: Sendable {
    /// The step's id: its `id:` in the pipeline file, else its `uses:` name (with "#2" for a second one).
    public var stepID: String
    /// The pipeline file's folder; path options are already resolved against it.
    public var baseDirectory: String
    /// The pipeline file, for messages.
    public var pipelineFile: String
    /// The documents in flight at once.
    public var jobs: Int
    public var logger: Logger

    public init(stepID: String, baseDirectory: String, pipelineFile: String, jobs: Int = 1,
                logger: Logger = Logger(label: "pipeline")) {
        self.stepID = stepID
        self.baseDirectory = baseDirectory
        self.pipelineFile = pipelineFile
        self.jobs = jobs
        self.logger = logger
    }
}

/// Thrown by a processor to leave out one document with a reason a user can act on
/// ("binary file: 312 NUL bytes"). The runner reports it and goes on or stops as `on_error` says.
public struct DocumentRejected: Error, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Thrown from `init(options:context:)` when options are valid in form but unusable ("folder does not exist").
/// The runner reports it at the step's place in the pipeline file.
public struct SetupError: Error, CustomStringConvertible {
    public var message: String
    /// The option at fault, when there is one; the message then points at it.
    public var option: String?
    public init(_ message: String, option: String? = nil) {
        self.message = message
        self.option = option
    }
    public var description: String { message }
}
