import Foundation
import Logging
import PipelineKit

/// Runs a pipeline's analysis steps (every step before the first sink such as `export`) over the texts of
/// gold JSON Lines files, for `pipeline eval` and `pipeline train`. The pipeline's own inputs are not read.
///
/// ```swift
/// let analyzed = try await GoldAnalysis(pipeline: pipeline).run(goldFiles: ["dev.jsonl"])
/// let document = analyzed.documents["GUM_news_clock"]
/// ```
struct GoldAnalysis {
    let pipeline: Pipeline
    var logger = Logger(label: "pipeline")

    struct Result {
        var documents: [String: Document] = [:]
        /// "dev.jsonl:3: parse: empty document": records the steps rejected; they count as having no output.
        var problems: [String] = []
    }

    /// The steps that analyze (sinks left out), created once; a setup error names the step.
    func processors() throws -> [(id: String, processor: any Processor)] {
        var made: [(String, any Processor)] = []
        for step in pipeline.steps {
            if step.descriptor.kind == .sink { break }
            let context = SetupContext(stepID: step.id, baseDirectory: pipeline.baseDirectory, pipelineFile: pipeline.file,
                                       jobs: 1, logger: logger)
            do {
                if case .processor(let processor) = try step.descriptor.make(options: step.options, context: context) {
                    made.append((step.id, processor))
                }
            } catch {
                throw GoldFileError("\(step.location): \(step.id): \(error)")
            }
        }
        return made
    }

    func run(goldFiles: [String]) async throws -> Result {
        let steps = try processors()
        let inputs = goldFiles.map { InputSpec(path: $0, kind: .file, format: "jsonl", location: SourceLocation(file: $0, line: 1, column: 1)) }
        let reader = InputReader(inputs: inputs, maxDocumentBytes: pipeline.settings.maxDocumentBytes)
        var result = Result()
        while let item = reader.next() {
            switch item {
            case .unreadable(_, let source, let reason):
                result.problems.append("\(source): \(reason)")
            case .document(var document):
                let source = document.source.description
                do {
                    for step in steps { try await step.processor.process(&document) }
                    result.documents[document.id] = document
                } catch {
                    result.problems.append("\(source): \(error)")
                }
            }
        }
        for step in steps { try await step.processor.finish() }
        return result
    }
}
