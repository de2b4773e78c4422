import PipelineKit
import Parsing
import Testing
@testable import EntityExtraction

/// Names in a news header are typed by the field they stand in, not guessed from capitals.
@Test func datelinePlacesAndSourceNamesAreTypedByTheirHeaderField() async throws {
    let text = """
    Rail union and operator resume talks

    Last Update: 2026-05-04 18:05:00 - Source: Plainsview Daily

    KESTREL CITY, Dunmore County (Plainsview Daily) — Negotiators returned to the table on Monday.
    """
    let context = SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "test.yaml")
    var document = Document(id: "doc", source: DocumentSource(path: "doc.txt", format: "auto"), raw: Array(text.utf8))
    try await Parse(options: Parse.Options(), context: context).process(&document)
    ExtractEntities.extract(&document)
    let labels = Dictionary(document.mentionPairs.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    #expect(labels["KESTREL CITY"] == "GPE")
    #expect(labels["Dunmore County"] == "GPE")
    #expect(labels["Plainsview Daily"] == "ORG")
    #expect(document.mentionPairs.filter { $0.0 == "Plainsview Daily" }.allSatisfy { $0.1 == "ORG" })
}

/// The header's own labels ("Last Update", "Source", "Posted by") are no entities, while the values beside
/// them keep theirs, and a name in the title or the story is untouched.
@Test func headerFieldLabelsAreNotEntitiesButTheirValuesAre() async throws {
    let text = """
    Mayor Dana Whitfield opens the new harbour library

    Last Update: 2026-05-04 18:05:00 - Source: Plainsview Daily

    KESTREL CITY — Source material from the archive went on show, Dana Whitfield said on Monday.
    """
    let context = SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "test.yaml")
    var document = Document(id: "doc", source: DocumentSource(path: "doc.txt", format: "auto"), raw: Array(text.utf8))
    try await Parse(options: Parse.Options(), context: context).process(&document)
    ExtractEntities.extract(&document)
    let story = try #require(document.mention("KESTREL CITY")).span.start
    let title = "Mayor Dana Whitfield opens the new harbour library".utf8.count
    let inHeader = document.entities.filter { $0.span.start > title && $0.span.start < story }.map { document.text(of: $0.span) }
    #expect(!inHeader.contains("Source") && !inHeader.contains("Last Update"), "\(inHeader)")
    #expect(inHeader.contains("Plainsview Daily"))
    #expect(document.mentionPairs.contains { $0.0 == "Dana Whitfield" && $0.1 == "PERSON" })
}
