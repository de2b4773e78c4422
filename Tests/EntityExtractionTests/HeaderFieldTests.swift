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
