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

    /// Analyses the records of `goldFiles`; records in `gold` that name a text file (`"file"`) are read from
    /// that file as `pipeline run` reads it, and the gold files holding them are not read as documents.
    func run(goldFiles: [String], gold: [GoldDocument] = []) async throws -> Result {
        let steps = try processors()
        let fileBacked = gold.filter { $0.file != nil }
        let backedGoldFiles = Set(fileBacked.map(\.goldFile))
        let inputs = goldFiles.filter { !backedGoldFiles.contains($0) }.map { InputSpec(path: $0, kind: .file, format: "jsonl", location: SourceLocation(file: $0, line: 1, column: 1)) }
        let reader = InputReader(inputs: inputs, maxDocumentBytes: pipeline.settings.maxDocumentBytes)
        var result = Result()
        func analyze(_ document: Document, place: String) async {
            var document = document
            do {
                for step in steps { try await step.processor.process(&document) }
                result.documents[document.id] = document
            } catch {
                result.problems.append("\(place): \(error)")
            }
        }
        for g in fileBacked {
            guard let file = g.file, let bytes = FileManager.default.contents(atPath: file) else {
                result.problems.append("\(g.location): cannot read \(g.file ?? "its file")")
                continue
            }
            await analyze(Document(id: g.id, source: DocumentSource(path: file, format: "auto"), raw: [UInt8](bytes)),
                          place: "\(g.location) (\(file))")
        }
        while let item = reader.next() {
            switch item {
            case .unreadable(_, let source, let reason):
                result.problems.append("\(source): \(reason)")
            case .document(let document):
                await analyze(document, place: document.source.description)
            }
        }
        for step in steps { try await step.processor.finish() }
        return result
    }
}
