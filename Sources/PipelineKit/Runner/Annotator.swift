import Logging

/// Runs a pipeline's analysis steps on one document at a time, when asked: what `pipeline serve` calls
/// for each request. Sinks (`export`) are not created, so no output file is opened or written.
///
/// Each call runs the steps in pipeline order under `settings.step_timeout`, like `Runner` does for
/// a document it reads; calls may overlap (the processors are `Sendable` and hold no per-document state).
///
/// ```swift
/// let annotator = try Annotator(pipeline: pipeline)
/// switch await annotator.annotate(Document(id: "a", source: DocumentSource(format: "text"), raw: bytes)) {
/// case .success(let document): print(document.entities.count)
/// case .failure(let failure): print("\(failure.step): \(failure.reason)")
/// }
/// await annotator.finish()
/// ```
public final class Annotator: Sendable {
    public let pipeline: Pipeline
    /// The steps that run per document, in order; the sinks are left out.
    public let steps: [StepConfig]
    let runSteps: [Runner.RunStep]
    let timing: Runner.Timing

    /// Why a document could not be annotated: the step and its reason.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var step: String
        public var reason: String
        /// The step took longer than `settings.step_timeout`.
        public var timedOut: Bool
        public var description: String { "\(step): \(reason)" }
    }

    /// Creates the processors of every step but the sinks; a setup error is reported at its step.
    public init(pipeline: Pipeline, logger: Logger = Logger(label: "pipeline")) throws(PipelineFileError) {
        self.pipeline = pipeline
        steps = pipeline.steps.filter { $0.descriptor.kind != .sink }
        runSteps = try Runner.makeSteps(steps, of: pipeline, logger: logger)
        // Processors run on threads of their own, as in a run, with a watchdog for step_timeout.
        let threads = ProcessorThreads(count: max(1, pipeline.settings.jobs))
        timing = Runner.Timing(threads: threads, watchdog: pipeline.settings.stepTimeout.map { Watchdog(limit: $0) },
                               limit: pipeline.settings.stepTimeout)
    }

    /// Runs the steps on one document; the first error (or a step over `step_timeout`) ends it.
    public func annotate(_ document: Document) async -> Result<Document, Failure> {
        let source = document.source
        let steps = runSteps, timing = timing
        let result = await Task(executorPreference: timing.threads) {
            await Runner.process(.document(document), through: steps, timing: timing)
        }.value
        if let (step, reason) = result.problem {
            return .failure(Failure(step: step, reason: reason, timedOut: result.timedOut))
        }
        guard var annotated = result.output else {
            return .failure(Failure(step: "read", reason: "no document from \(source.description)", timedOut: false))
        }
        annotated.warnings = result.warnings
        return .success(annotated)
    }

    /// Lets every processor release what it holds (an `exec` step's child processes), then stops the
    /// threads. Call once, after the last `annotate`.
    public func finish() async {
        for step in runSteps { try? await step.processor?.finish() }
        timing.threads.shutdown()
        timing.watchdog?.stop()
    }
}
