import Testing
import PipelineKit
@testable import Parsing

@Test func jsonlRecordMapsTextIdTitleDateAndExtras() async throws {
    let line = #"{"id": 7, "title": "Port plan", "date": "March 14, 2026", "text": "Body.\r\nMore.", "url": "https://x.org/a", "section": "local"}"#
    let doc = try await parse(line, path: "feed.jsonl")
    #expect(doc.source.format == "jsonl")
    #expect(doc.id == "7")
    #expect(doc.text == "Body.\nMore.")
    #expect(doc.metadata.title == "Port plan")
    #expect(doc.metadata.published == "2026-03-14")
    #expect(doc.metadata.url == "https://x.org/a")
    #expect(doc.metadata.extra["section"] == .string("local"))
    #expect(doc.metadata.language == "en")
    #expect(doc.sentences.count == 2)
}

@Test func jsonlCustomFieldsAreUsed() async throws {
    let options = try Parse.Options.decode(["text_field": "body", "id_field": "uid", "title_field": "headline", "language": ""])
    let doc = try await parse(#"{"uid": "a1", "headline": "H", "body": "Text."}"#, path: "f.jsonl", options: options)
    #expect(doc.id == "a1")
    #expect(doc.metadata.title == "H")
    #expect(doc.text == "Text.")
    #expect(doc.metadata.language == nil)
}

@Test func jsonlMissingTextFieldNamesTheFieldsThere() async throws {
    let error = await #expect(throws: DocumentRejected.self) { try await parse(#"{"id": 1, "body": "x"}"#, path: "f.jsonl") }
    #expect(error?.reason.contains("\"text\"") == true)
    #expect(error?.reason.contains("body") == true)
}

@Test func jsonlInvalidJSONIsRejectedClearly() async throws {
    let error = await #expect(throws: DocumentRejected.self) { try await parse(#"{"text": "x""#, path: "f.jsonl") }
    #expect(error?.reason.hasPrefix("not a JSON object") == true)
}

@Test func formatIsDetectedFromExtensionAndContent() {
    #expect(FormatDetector.detect(path: "a/b.jsonl", bytes: []) == "jsonl")
    #expect(FormatDetector.detect(path: "a/b.ndjson", bytes: []) == "jsonl")
    #expect(FormatDetector.detect(path: "a/b.md", bytes: []) == "markdown")
    #expect(FormatDetector.detect(path: "a/b.htm", bytes: []) == "html")
    #expect(FormatDetector.detect(path: "a/b.txt", bytes: Array("  <!DOCTYPE html><html>".utf8)) == "html")
    #expect(FormatDetector.detect(path: "a/b", bytes: Array("<html lang=en>".utf8)) == "html")
    #expect(FormatDetector.detect(path: "a/b.txt", bytes: Array("Title\n\nBody".utf8)) == "text")
    #expect(FormatDetector.detect(path: nil, bytes: Array("{\"text\": 1}".utf8)) == "jsonl")
}
