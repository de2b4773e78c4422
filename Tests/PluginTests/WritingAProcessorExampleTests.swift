import Foundation
import Parsing
import PipelineKit
import Testing
import TestSupport

@Suite("docs/writing-a-processor.md: its two processors work as the page says")
struct WritingAProcessorExampleTests {
    @Test func aLaterStepReadsTheTypedLayerAndItsSpans() async throws {
        var doc = try await parsed("Short one. This sentence, by contrast, goes on for rather more words than a reader likes. Café talk ends it all today.")
        try await make(LongSentences.self, ["max_words": 5]).process(&doc)
        try await make(EditorNote.self).process(&doc)
        let long = try #require(try doc.layer(.longSentences))
        #expect(long.map(\.words) == [14, 6])
        #expect(doc.metadata.extra["editor_note"] == "14 words: This sentence, by contrast, goes on for rather more words than a reader likes.")
        // Exported, the same span is in code points: "Café" before the second one counts one character for "é".
        let exported = try DocumentJSON.jsonValue(doc)["layers"]?["long_sentences"]?.arrayValue
        let scalars = Array(doc.text.unicodeScalars)
        let second = try #require(exported?[1]["span"])
        let (start, end) = (try #require(second["start"]?.intValue), try #require(second["end"]?.intValue))
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "Café talk ends it all today.")
    }

    @Test func thePageQuotesTheCompiledCodeVerbatim() throws {
        let root = SharedData.repositoryRoot
        let page = try String(contentsOf: root.appendingPathComponent("docs/writing-a-processor.md"), encoding: .utf8)
        let source = try String(contentsOf: root.appendingPathComponent("Tests/PluginTests/WritingAProcessorExample.swift"), encoding: .utf8)
        let blocks = page.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let quoted = blocks.filter { $0.contains("LongSentence") || $0.contains("EditorNote") }
        #expect(quoted.count == 2)
        for block in quoted { #expect(source.contains(block), "the page's code differs from the compiled example:\n\(block)") }
    }
}
