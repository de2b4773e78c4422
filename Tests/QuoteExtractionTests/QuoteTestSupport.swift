import EntityExtraction
import Parsing
import PipelineKit
import QuoteExtraction

/// Runs text through `parse` (and optionally `extract-entities`) and then `extract-quotes`, as a pipeline would.
enum QuoteHarness {
    static let context = SetupContext(stepID: "extract-quotes", baseDirectory: "/", pipelineFile: "test.yaml")

    static func parsed(_ text: String, entities: Bool = false) async throws -> Document {
        var document = Document(id: "test", source: DocumentSource(path: nil, format: "text"), raw: Array(text.utf8))
        try await Parse(options: Parse.Options(), context: SetupContext(stepID: "parse", baseDirectory: "/", pipelineFile: "test.yaml"))
            .process(&document)
        if entities {
            let options = ExtractEntities.Options()
            try await ExtractEntities(options: options, context: SetupContext(stepID: "extract-entities", baseDirectory: "/", pipelineFile: "test.yaml"))
                .process(&document)
        }
        return document
    }

    static func quotes(_ text: String, entities: Bool = false, options: ExtractQuotes.Options = .init()) async throws -> (Document, [Quote]) {
        var document = try await parsed(text, entities: entities)
        try await ExtractQuotes(options: options, context: context).process(&document)
        return (document, document.quotes)
    }
}

extension Document {
    func fragments(_ q: Quote) -> [String] { q.fragments.map { text(of: $0) } }
    func speaker(_ q: Quote) -> String? { q.speaker.map { text(of: $0) } }
    func cue(_ q: Quote) -> String? { q.cue.map { text(of: $0) } }
}
