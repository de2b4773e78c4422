import Foundation
import Logging
import Synchronization

/// Runs a validated pipeline: streams documents from its inputs through its steps.
///
/// Up to `jobs` documents are in flight at once; steps up to the first sink (`ordering = .inputOrder`)
/// run concurrently, and the sinks see documents one at a time in input order, so output order equals
/// input order. Every input ends up written, skipped (with step and reason) or failed.
///
/// ```swift
/// let runner = try Runner(pipeline: pipeline)           // creates the processors; bad options throw here
/// let report = await runner.run()
/// print(report.summary)
/// ```
public final class Runner: Sendable {
    public let pipeline: Pipeline
    let concurrentSteps: [RunStep]
    let orderedSteps: [RunStep]
    let logger: Logger
    let stop = StopFlag()
    let filter: DocumentFilter?

    struct RunStep: Sendable {
        let id: String
        let uses: String
        let processor: any Processor
    }

    /// Creates every processor before any document is read; a processor's setup error is reported at its step.
    /// `selection` narrows the run to one shard and, with `resume`, to what its outputs do not yet hold.
    public init(pipeline: Pipeline, selection: RunSelection = RunSelection(),
                logger: Logger = Logger(label: "pipeline")) throws(PipelineFileError) {
        self.pipeline = pipeline
        self.logger = logger
        var steps: [RunStep] = []
        var problems: [Diagnostic] = []
        for step in pipeline.steps {
            var context = SetupContext(stepID: step.id, baseDirectory: pipeline.baseDirectory, pipelineFile: pipeline.file,
                                       jobs: pipeline.settings.jobs, logger: logger)
            context.logger[metadataKey: "step"] = "\(step.id)"
            context.resume = selection.resume
            do {
                steps.append(RunStep(id: step.id, uses: step.uses,
                                     processor: try step.descriptor.make(options: step.options, context: context)))
            } catch let error as SetupError {
                let at = error.option.flatMap { step.optionLocations[$0] } ?? step.location
                problems.append(Diagnostic(at, "\(step.id): \(error.message)"))
            } catch {
                problems.append(Diagnostic(step.location, "\(step.id): cannot set up: \(error)"))
            }
        }
        if !problems.isEmpty { throw PipelineFileError(problems) }
        var held: Set<String> = []
        if selection.resume {
            let outputs = steps.compactMap { $0.processor as? any ResumableOutput }
            guard let first = outputs.first else {
                throw PipelineFileError([Diagnostic(SourceLocation(file: pipeline.file, line: 1, column: 1),
                    "--resume needs an output to continue, and this pipeline has none",
                    hint: "add an export step with format jsonl or sqlite, or run without --resume")])
            }
            // A document is done when every output holds it; a sink skips what it alone already holds.
            held = outputs.dropFirst().reduce(first.heldDocumentIDs) { $0.intersection($1.heldDocumentIDs) }
        }
        filter = selection.shard == nil && !selection.resume ? nil : DocumentFilter(shard: selection.shard, held: held)
        let firstOrdered = pipeline.steps.firstIndex { $0.descriptor.ordering == .inputOrder } ?? steps.count
        concurrentSteps = Array(steps[..<firstOrdered])
        orderedSteps = Array(steps[firstOrdered...])
    }

    /// Asks the run to stop reading; documents in flight finish and outputs are completed.
    /// Safe to call from a signal handler's queue.
    public func requestStop() { stop.set() }

    /// Progress after each document, for a terminal progress line.
    public struct Progress: Sendable {
        public var done: Int
        public var bytesRead: Int
        public var elapsed: Double
    }

    public func run(standardInput: FileHandle = .standardInput,
                    onProgress: (@Sendable (Progress) -> Void)? = nil) async -> RunReport {
        let started = ContinuousClock.now
        var report = RunReport(pipeline: pipeline.file)
        report.steps = (concurrentSteps + orderedSteps).map { RunReport.StepStats(step: $0.id, uses: $0.uses) }
        let reader = InputReader(inputs: pipeline.inputs, maxDocumentBytes: pipeline.settings.maxDocumentBytes,
                                 truncateOversize: pipeline.settings.oversize == .truncate,
                                 standardInput: standardInput)
        let jobs = max(1, pipeline.settings.jobs)
        let window = jobs * 4
        let policy = pipeline.settings.onError
        let concurrentSteps = self.concurrentSteps
        let filter = self.filter
        let totalSteps = concurrentSteps.count + orderedSteps.count
        let timeout = pipeline.settings.stepTimeout
        var stopped = false

        func account(_ result: DocumentResult, _ report: inout RunReport) {
            report.documents.read += 1
            report.inputBytes += result.bytes
            for (i, seconds) in result.stepSeconds.enumerated() where seconds >= 0 {
                report.steps[i].documents += 1
                report.steps[i].seconds += seconds
                report.steps[i].bytes += result.bytes
            }
            for w in result.warnings { report.warnings.append(.init(document: result.id, message: w)) }
        }

        func problem(_ result: DocumentResult, step: String, reason: String, _ report: inout RunReport) {
            let outcome = policy == .skip ? "skipped" : "failed"
            if policy == .skip { report.documents.skipped += 1 } else { report.documents.failed += 1 }
            report.problems.append(.init(document: result.id, source: result.source.description, step: step,
                                         outcome: outcome, reason: reason))
            logger.warning("\(outcome) \(result.source.description): \(step): \(reason)")
            if policy == .fail { stopped = true }
        }

        await withTaskGroup(of: (Int, DocumentResult).self) { group in
            var nextSequence = 0
            var nextToEmit = 0
            var inFlight = 0
            var finished: [Int: DocumentResult] = [:]

            func fill() {
                while !stopped, !stop.isSet, inFlight < jobs, nextSequence < nextToEmit + window, let item = reader.next() {
                    let sequence = nextSequence
                    nextSequence += 1
                    inFlight += 1
                    group.addTask {
                        (sequence, await Self.process(item, through: concurrentSteps, totalSteps: totalSteps, timeout: timeout,
                                                      filter: filter))
                    }
                }
            }

            fill()
            while inFlight > 0, let (sequence, result) = await group.next() {
                inFlight -= 1
                finished[sequence] = result
                while var result = finished.removeValue(forKey: nextToEmit) {
                    nextToEmit += 1
                    if let exclusion = result.excluded {
                        switch exclusion {
                        case .otherShard: report.documents.inOtherShards += 1
                        case .alreadyInOutput: report.documents.alreadyInOutput += 1
                        }
                        continue
                    }
                    if result.problem == nil, !stopped {
                        await runOrdered(&result)
                    }
                    account(result, &report)
                    if let (step, reason) = result.problem {
                        problem(result, step: step, reason: reason, &report)
                    } else if !stopped {
                        report.documents.written += 1
                    }
                    onProgress?(Progress(done: report.documents.read, bytesRead: report.inputBytes,
                                         elapsed: (ContinuousClock.now - started).seconds))
                }
                fill()
            }
        }

        for step in concurrentSteps + orderedSteps {
            do {
                try await step.processor.finish()
            } catch {
                report.problems.append(.init(document: "-", source: pipeline.file, step: step.id, outcome: "failed",
                                             reason: "could not finish: \(error)"))
                logger.error("\(step.id): could not finish: \(error)")
            }
        }
        report.interrupted = stop.isSet
        report.seconds = (ContinuousClock.now - started).seconds
        report.peakMemoryBytes = RunReport.peakResidentBytes()
        return report
    }

    /// Runs the sinks on one document, in input order.
    private func runOrdered(_ result: inout DocumentResult) async {
        guard var document = result.document else { return }
        let offset = concurrentSteps.count
        for (i, step) in orderedSteps.enumerated() {
            let t0 = ContinuousClock.now
            do {
                try await step.processor.process(&document)
            } catch {
                result.problem = (step.id, Self.reason(error))
                break
            }
            result.stepSeconds[offset + i] = (ContinuousClock.now - t0).seconds
        }
        result.document = nil
    }

    struct DocumentResult: Sendable {
        var id: String
        var source: DocumentSource
        var bytes: Int
        var document: Document?
        /// -1 for steps that did not run.
        var stepSeconds: [Double]
        var problem: (step: String, reason: String)?
        var warnings: [String] = []
        /// Left to another shard or already in the outputs: neither written nor a problem.
        var excluded: DocumentFilter.Exclusion?
    }

    static func process(_ item: InputItem, through steps: [RunStep], totalSteps: Int, timeout: Double?,
                        filter: DocumentFilter? = nil) async -> DocumentResult {
        switch item {
        case .unreadable(let id, let source, let reason):
            var result = DocumentResult(id: id, source: source, bytes: 0, document: nil, stepSeconds: [], problem: ("read", reason))
            if filter?.exclusion(of: id) == .otherShard { result.excluded = .otherShard }
            return result
        case .document(let document):
            let result = DocumentResult(id: document.id, source: document.source, bytes: document.raw?.count ?? document.text.utf8.count,
                                        document: nil, stepSeconds: [Double](repeating: -1, count: totalSteps))
            guard let timeout else { return await runSteps(steps, on: document, into: result, progress: nil, filter: filter) }
            return await runWithTimeout(steps, on: document, into: result, timeout: timeout, filter: filter)
        }
    }

    /// Runs the steps on one document, recording each step's time; the first error ends the document.
    /// With a filter, the document is checked as soon as its id is final: at once for a file, whose id
    /// comes from its path; once a step has read the raw bytes (`parse`) for a JSON Lines record, whose
    /// id is a field of the record.
    static func runSteps(_ steps: [RunStep], on document: Document, into result: DocumentResult,
                         progress: StepProgress?, filter: DocumentFilter? = nil) async -> DocumentResult {
        var document = document
        var result = result
        var unchecked = filter
        func leftOut() -> Bool {
            guard let filter = unchecked, document.source.line == nil || document.raw == nil else { return false }
            unchecked = nil
            result.excluded = filter.exclusion(of: document.id)
            result.id = document.id
            return result.excluded != nil
        }
        if leftOut() { return result }
        for (i, step) in steps.enumerated() {
            let t0 = ContinuousClock.now
            progress?.started(step: i, at: t0)
            do {
                try await step.processor.process(&document)
            } catch {
                result.problem = (step.id, reason(error))
                break
            }
            result.stepSeconds[i] = (ContinuousClock.now - t0).seconds
            if leftOut() { return result }
        }
        // Not yet checked: no step read the raw bytes, or one rejected the record first. Its id as read
        // decides, so a bad record is reported by one shard, not by all.
        if unchecked != nil {
            document.raw = nil
            if leftOut() { return result }
        }
        result.id = document.id
        result.warnings = document.warnings
        if result.problem == nil { result.document = document }
        return result
    }

    /// Runs the steps with a time limit per step. One work task and one watchdog per document: past the
    /// limit the document fails with the step named, and the run goes on. A step stuck in a loop cannot
    /// be forced to stop (Swift tasks stop only cooperatively), so its task is cancelled and abandoned;
    /// `exec` kills its child instead.
    static func runWithTimeout(_ steps: [RunStep], on document: Document, into result: DocumentResult,
                               timeout: Double, filter: DocumentFilter?) async -> DocumentResult {
        let progress = StepProgress()
        let race = Race<DocumentResult>()
        return await withCheckedContinuation { continuation in
            race.set(continuation)
            let work = Task {
                race.finish(await runSteps(steps, on: document, into: result, progress: progress, filter: filter))
            }
            // The watchdog ends as soon as the work does, so finished documents leave no sleeping tasks.
            Task {
                let limit = Duration.seconds(timeout)
                while !race.isFinished {
                    let (index, started) = progress.current
                    let overdue = ContinuousClock.now - started
                    if overdue >= limit {
                        var failed = result
                        failed.problem = (steps[index].id,
                                          "took longer than step_timeout (\(RunReport.format(timeout))s); raise settings.step_timeout if such documents are expected")
                        if race.finish(failed) { work.cancel() }
                        return
                    }
                    try? await Task.sleep(for: min(.milliseconds(50), limit - overdue))
                }
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        if let rejected = error as? DocumentRejected { return rejected.reason }
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return String(describing: error)
    }
}

/// Resumes a continuation once, with whichever result comes first.
final class Race<T: Sendable>: Sendable {
    private let state = Locked<(CheckedContinuation<T, Never>?, Bool)>((nil, false))

    func set(_ continuation: CheckedContinuation<T, Never>) {
        state.withLock { $0.0 = continuation }
    }

    var isFinished: Bool { state.withLock { $0.1 } }

    /// True if this result was the first.
    @discardableResult
    func finish(_ value: T) -> Bool {
        let continuation = state.withLock { s -> CheckedContinuation<T, Never>? in
            guard !s.1 else { return nil }
            s.1 = true
            return s.0
        }
        continuation?.resume(returning: value)
        return continuation != nil
    }
}

/// Which step a document is in and since when, for the step_timeout watchdog.
final class StepProgress: Sendable {
    private let state = Locked<(Int, ContinuousClock.Instant)>((0, .now))
    func started(step: Int, at instant: ContinuousClock.Instant) { state.withLock { $0 = (step, instant) } }
    var current: (Int, ContinuousClock.Instant) { state.withLock { $0 } }
}

/// A flag a signal handler can set and the run loop reads.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
