import Testing
import PipelineKit
@testable import Parsing

func parse(_ text: String, path: String? = "doc.txt", format: String = "auto", options: Parse.Options? = nil) async throws -> Document {
    try await parse(bytes: Array(text.utf8), path: path, format: format, options: options)
}

func parse(bytes: [UInt8], path: String? = "doc.txt", format: String = "auto", options: Parse.Options? = nil) async throws -> Document {
    let processor = try Parse(options: options ?? Parse.Options(), context: SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "test.yaml"))
    var document = Document(id: "doc", source: DocumentSource(path: path, format: format), raw: bytes)
    try await processor.process(&document)
    return document
}

@Test func parseWritesParagraphSentenceAndTokenLayersItProvides() async throws {
    let document = try await parse("A headline\n\nFirst sentence here. Second one.\n\nLast paragraph.")
    #expect(document.paragraphs.count == 3)
    #expect(document.sentences.map { document.text(of: $0) } == ["A headline", "First sentence here.", "Second one.", "Last paragraph."])
    #expect(document.tokens.count == 12)
    #expect(Parse.provides == [.text, .paragraphs, .sentences, .tokens])
}
