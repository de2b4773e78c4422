import Foundation
import Parsing
import PipelineKit

/// Makes a processor as the loader would: the declared defaults, overridden by `with`.
func make<P: Processor>(_ type: P.Type, _ with: [String: JSONValue] = [:], step: String? = nil) throws -> P {
    let options = try P.Options.decode(.object(with))
    return try P(options: options, context: SetupContext(stepID: step ?? P.name, baseDirectory: "/tmp", pipelineFile: "test.yaml"))
}

/// A document with the text, sentence and token layers, made by the real `parse` step.
func parsed(_ text: String, id: String = "doc") async throws -> Document {
    var document = Document(id: id, source: DocumentSource(path: "\(id).txt", format: "text"), raw: Array(text.utf8))
    try await make(Parse.self).process(&document)
    return document
}
