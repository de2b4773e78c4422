import Foundation
import Logging
import Synchronization

/// Runs a validated pipeline: streams documents from its inputs through its steps.
///
/// Up to `jobs` documents are in flight at once. Processors run concurrently, on threads of their own
/// (`ProcessorThreads`); each sink receives documents one at a time, in input order, as they were at
/// its place in the pipeline, while processors before and after it go on with other documents. So
/// output order equals input order and no step waits for a sink. Every input ends up written, skipped
/// (with step and reason) or failed. After each step the runner records which step produced which
/// layer (`Document.layerSteps`).
///
/// ```swift
/// let runner = try Runner(pipeline: pipeline)           // creates the processors; bad options throw here
/// let report = await runner.run()
/// print(report.summary)
/// ```
public final class Runner: Sendable {
    public let pipeline: Pipeline
    let steps: [RunStep]
    let logger: Logger
    let stop = StopFlag()
    let filter: DocumentFilter?

    struct RunStep: @unchecked Sendable {
        let id: String
        let uses: String
        /// What the step provides given its options, for provenance.
        let provides: [LayerName]
        /// Exactly one of these. A sink is only called from the run loop, one document at a time,
        /// which is why it may hold mutable state without a lock (hence `@unchecked`).
        let processor: (any Processor)?
        let sink: (any Sink)?
    }

    /// Creates every processor before any document is read; a processor's setup error is reported at its step.
    /// `selection` narrows the run to one shard and, with `resume`, to what its outputs do not yet hold.
    public init(pipeline: Pipeline, selection: RunSelection = RunSelection(),
                logger: Logger = Logger(label: "pipeline")) throws(PipelineFileError) {
        self.pipeline = pipeline
        self.logger = logger
        let steps = try Self.makeSteps(pipeline.steps, of: pipeline, resume: selection.resume, logger: logger)
        var held: Set<String> = []
        if selection.resume {
            let outputs = steps.compactMap { $0.sink as? any ResumableOutput }
            guard let first = outputs.first else {
                throw PipelineFileError([Diagnostic(SourceLocation(file: pipeline.file, line: 1, column: 1),
                    "--resume needs an output to continue, and this pipeline has none",
                    hint: "add an export step with format jsonl or sqlite, or run without --resume")])
            }
            // A document is done when every output holds it; a sink skips what it alone already holds.
            held = outputs.dropFirst().reduce(first.heldDocumentIDs) { $0.intersection($1.heldDocumentIDs) }
        }
        filter = selection.shard == nil && !selection.resume ? nil : DocumentFilter(shard: selection.shard, held: held)
        self.steps = steps
    }

    /// Creates the steps' processors and sinks; every setup error is collected and reported at its step.
    static func makeSteps(_ configs: [StepConfig], of pipeline: Pipeline, resume: Bool = false,
                          logger: Logger) throws(PipelineFileError) -> [RunStep] {
        var steps: [RunStep] = []
        var problems: [Diagnostic] = []
        for step in configs {
            var context = SetupContext(stepID: step.id, baseDirectory: pipeline.baseDirectory, pipelineFile: pipeline.file,
                                       jobs: pipeline.settings.jobs, logger: logger)
            context.logger[metadataKey: "step"] = "\(step.id)"
            context.resume = resume
            do {
                let provides = step.descriptor.layers(options: step.options).provides
                switch try step.descriptor.make(options: step.options, context: context) {
                case .processor(let p): steps.append(RunStep(id: step.id, uses: step.uses, provides: provides, processor: p, sink: nil))
                case .sink(let s): steps.append(RunStep(id: step.id, uses: step.uses, provides: [], processor: nil, sink: s))
                }
            } catch let error as SetupError {
                let at = error.option.flatMap { step.optionLocations[$0] } ?? step.location
                problems.append(Diagnostic(at, "\(step.id): \(error.message)"))
            } catch {
                problems.append(Diagnostic(step.location, "\(step.id): cannot set up: \(error)"))
            }
        }
        if !problems.isEmpty { throw PipelineFileError(problems) }
        return steps
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
        // The run loop and the sinks get a thread of their own, so neither busy processors nor other
        // work on the cooperative pool can hold back output or the accounting.
        let loop = ProcessorThreads(count: 1, name: "pipeline-runner")
        defer { loop.shutdown() }
        return await withTaskExecutorPreference(loop) {
            await runLoop(standardInput: standardInput, onProgress: onProgress)
        }
    }

    private func runLoop(standardInput: FileHandle, onProgress: (@Sendable (Progress) -> Void)?) async -> RunReport {
        let started = ContinuousClock.now
        var report = RunReport(pipeline: pipeline.file)
        report.steps = steps.map { RunReport.StepStats(step: $0.id, uses: $0.uses) }
        let reader = InputReader(inputs: pipeline.inputs, maxDocumentBytes: pipeline.settings.maxDocumentBytes,
                                 truncateOversize: pipeline.settings.oversize == .truncate,
                                 standardInput: standardInput)
        let jobs = max(1, pipeline.settings.jobs)
        let window = jobs * 4
        let policy = pipeline.settings.onError
        let steps = self.steps
        let threads = ProcessorThreads(count: jobs)
        let watchdog = pipeline.settings.stepTimeout.map { Watchdog(limit: $0) }
        defer {
            threads.shutdown()
            watchdog?.stop()
        }
        let timing = Timing(threads: threads, watchdog: watchdog, limit: pipeline.settings.stepTimeout, filter: filter)
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
                    group.addTask(executorPreference: threads) {
                        (sequence, await Self.process(item, through: steps, timing: timing))
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
                    if !stopped { await feedSinks(&result) }
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

        for step in steps {
            do {
                if let sink = step.sink { try await sink.finish() } else { try await step.processor?.finish() }
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

    /// Gives each sink the document as it was at the sink's place, in input order. Called only from the
    /// run loop, so a sink is never called twice at once. A sink's error is the document's problem (it
    /// came before any later step's), and later sinks do not see the document.
    private func feedSinks(_ result: inout DocumentResult) async {
        let snapshots = result.sinkInputs
        result.sinkInputs = []
        for (index, document) in snapshots {
            guard let sink = steps[index].sink else { continue }
            let t0 = ContinuousClock.now
            do {
                try await sink.consume(document)
            } catch {
                result.problem = (steps[index].id, Self.reason(error))
                break
            }
            result.stepSeconds[index] = (ContinuousClock.now - t0).seconds
        }
    }

    struct DocumentResult: Sendable {
        var id: String
        var source: DocumentSource
        var bytes: Int
        /// The document as each sink it reached should see it: (step index, document).
        var sinkInputs: [(Int, Document)] = []
        /// -1 for steps that did not run.
        var stepSeconds: [Double]
        var problem: (step: String, reason: String)?
        /// The problem is a step over `step_timeout`.
        var timedOut = false
        var warnings: [String] = []
        /// The document after the last step, when every step succeeded (what `Annotator` answers with).
        var output: Document?
        /// Left to another shard or already in the outputs: neither written nor a problem.
        var excluded: DocumentFilter.Exclusion?
    }

    /// The run's processor threads and, with a `step_timeout`, its watchdog.
    struct Timing: Sendable {
        let threads: ProcessorThreads
        let watchdog: Watchdog?
        let limit: Double?
        /// `--shard` / `--resume`: which documents this run leaves out.
        var filter: DocumentFilter? = nil
    }

    static func process(_ item: InputItem, through steps: [RunStep], timing: Timing) async -> DocumentResult {
        switch item {
        case .unreadable(let id, let source, let reason):
            var result = DocumentResult(id: id, source: source, bytes: 0, stepSeconds: [], problem: ("read", reason))
            if timing.filter?.exclusion(of: id) == .otherShard { result.excluded = .otherShard }
            return result
        case .document(let document):
            let result = DocumentResult(id: document.id, source: document.source, bytes: document.raw?.count ?? document.text.utf8.count,
                                        stepSeconds: [Double](repeating: -1, count: steps.count))
            guard let watchdog = timing.watchdog, let limit = timing.limit else {
                return await runSteps(steps, on: document, into: result, progress: nil, filter: timing.filter)
            }
            return await runWithTimeout(steps, on: document, into: result, watchdog: watchdog, limit: limit, threads: timing.threads,
                                        filter: timing.filter)
        }
    }

    /// Runs the processors on one document, recording each step's time and what it produced, and keeps
    /// the document as each sink will see it; the first error ends the document.
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
            if result.excluded != nil { result.sinkInputs = [] }
            return result.excluded != nil
        }
        if leftOut() { return result }
        for (i, step) in steps.enumerated() {
            guard let processor = step.processor else {
                result.sinkInputs.append((i, document))
                progress?.reached(result.sinkInputs)
                continue
            }
            let t0 = ContinuousClock.now
            progress?.started(step: i, at: t0)
            do {
                try await processor.process(&document)
            } catch {
                result.problem = (step.id, reason(error))
                break
            }
            document.recordProvenance(step: step.id, provides: step.provides)
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
        if result.problem == nil { result.output = document }
        return result
    }

    /// Runs the steps with a time limit per step. The work runs in its own task on the processor threads;
    /// the watchdog, on its own thread, ends the document when a step overruns: the document is rejected
    /// with the step named, the work task is cancelled (steps that check `Task.isCancelled` stop), and a
    /// spare thread replaces the one the abandoned step may still hold, so the run goes on at full width.
    static func runWithTimeout(_ steps: [RunStep], on document: Document, into result: DocumentResult,
                               watchdog: Watchdog, limit: Double, threads: ProcessorThreads,
                               filter: DocumentFilter? = nil) async -> DocumentResult {
        let progress = StepProgress()
        let race = Race<DocumentResult>()
        let work = Task(executorPreference: threads) {
            let done = await runSteps(steps, on: document, into: result, progress: progress, filter: filter)
            if !race.finish(done) { threads.retireSpare() }
        }
        let entry = Watchdog.Entry(progress: progress) { index in
            var failed = result
            // The sinks before the overdue step still get the document, as with any later failure.
            failed.sinkInputs = progress.sinkInputs
            failed.problem = (steps[index].id,
                              "took longer than step_timeout (\(RunReport.format(limit))s) and was stopped; "
                                  + "raise settings.step_timeout if such documents are expected")
            failed.timedOut = true
            if race.finish(failed) {
                work.cancel()
                threads.addSpare()
            }
        }
        watchdog.watch(entry)
        let outcome = await race.value()
        watchdog.unwatch(entry)
        return outcome
    }

    static func reason(_ error: any Error) -> String {
        if let rejected = error as? DocumentRejected { return rejected.reason }
        if error is CancellationError { return "cancelled" }
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return String(describing: error)
    }
}

/// The first of several results: whoever calls `finish` first wins; `value()` waits for it.
final class Race<T: Sendable>: Sendable {
    private let state = Locked<(value: T?, waiter: CheckedContinuation<T, Never>?, done: Bool)>((nil, nil, false))

    /// True if this result was the first.
    @discardableResult
    func finish(_ value: T) -> Bool {
        let (won, waiter) = state.withLock { s -> (Bool, CheckedContinuation<T, Never>?) in
            guard !s.done else { return (false, nil) }
            s.done = true
            if let w = s.waiter { s.waiter = nil; return (true, w) }
            s.value = value
            return (true, nil)
        }
        waiter?.resume(returning: value)
        return won
    }

    func value() async -> T {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> T? in
                if let v = s.value { return v }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Which step a document is in and since when, and what its sinks have been given so far, for the
/// step_timeout watchdog.
final class StepProgress: @unchecked Sendable {
    /// Nil until the first step starts: a document still waiting for a processor thread (all of them busy
    /// with slow documents) has used none of its time, so the watchdog must not count the wait.
    private let state = Locked<(Int, ContinuousClock.Instant)?>(nil)
    private let snapshots = Locked<[(Int, Document)]>([])
    func started(step: Int, at instant: ContinuousClock.Instant) { state.withLock { $0 = (step, instant) } }
    var current: (Int, ContinuousClock.Instant)? { state.withLock { $0 } }
    func reached(_ inputs: [(Int, Document)]) { snapshots.withLock { $0 = inputs } }
    var sinkInputs: [(Int, Document)] { snapshots.withLock { $0 } }
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
