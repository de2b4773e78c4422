import Foundation
import PipelineKit
import Parsing
@testable import EntityExtraction

/// Parses text with the real `parse` step, then runs extract-entities on it: the rules alone unless the
/// options name a model (these tests check the rules; SeedArticleTests checks rules and model together).
func extract(_ text: String, published: String? = nil, options: ExtractEntities.Options? = nil) async throws -> Document {
    let parser = try Parse(options: Parse.Options(), context: SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "test.yaml"))
    var document = Document(id: "doc", source: DocumentSource(path: "doc.txt", format: "text"), raw: Array(text.utf8))
    try await parser.process(&document)
    document.metadata.published = published ?? document.metadata.published
    let step = try ExtractEntities(options: options ?? .init(lexicons: [], patterns: .array([]), types: [], model: "none"),
                                   context: SetupContext(stepID: "extract-entities", baseDirectory: "/tmp", pipelineFile: "test.yaml"))
    try await step.process(&document)
    return document
}

extension Document {
    /// (text, label) of every mention, in text order.
    var mentionPairs: [(String, String)] { entities.map { (text(of: $0.span), $0.label.rawValue) } }
    func mention(_ s: String) -> EntityMention? { entities.first { text(of: $0.span) == s } }
    func entity(of s: String) -> Entity? {
        guard let id = mention(s)?.entityID else { return nil }
        return entityTable.first { $0.id == id }
    }
}

extension ExtractEntities.Options {
    init(lexicons: [String], patterns: JSONValue, types: [String], model: String = "none") {
        let json: JSONValue = .object(["lexicons": .array(lexicons.map { .string($0) }), "patterns": patterns,
                                       "types": .array(types.map { .string($0) }), "model": .string(model)])
        self = try! json.decode(ExtractEntities.Options.self)
    }
}
