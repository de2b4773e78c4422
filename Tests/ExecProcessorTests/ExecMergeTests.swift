import Foundation
@testable import PipelineKit
import Testing
@testable import ExecProcessor

@Suite("exec merge rules: what is kept from a child's answer")
struct ExecMergeTests {
    func answer(_ json: String, to document: inout Document, provides: Set<LayerName> = LayerName.core) throws -> ExecMerge.Outcome {
        try ExecMerge.apply(answer: Array(json.utf8), to: &document, sentLayers: .all, provides: provides)
    }

    @Test func addedAndChangedMetadataKeysAreKeptRemovedOnesStay() throws {
        var doc = Document(id: "a", text: "Hello")
        doc.metadata.extra = ["keep": 1, "change": 2]
        doc.metadata.title = "T"
        let outcome = try answer(#"{"id":"a","text":"Hello","metadata":{"change":3,"new":"x","byline":"B"}}"#, to: &doc)
        #expect(outcome == .merged)
        #expect(doc.metadata.extra == ["keep": 1, "change": 3, "new": "x"])
        #expect(doc.metadata.title == "T")
        #expect(doc.metadata.byline == "B")
    }

    @Test func partialAnswerWithoutTextCanAddEntitiesInCodePoints() throws {
        var doc = Document(id: "a", text: "Café Soleimani spoke")
        let outcome = try answer(#"{"id":"a","entities":[{"start":5,"end":14,"label":"PERSON"}]}"#, to: &doc)
        #expect(outcome == .merged)
        #expect(doc.entities.count == 1)
        #expect(doc.text(of: doc.entities[0].span) == "Soleimani")
        // The runner stamps the step and records it as the producer of `entities`.
        doc.recordProvenance(step: "mine", provides: [.entities])
        #expect(doc.entities[0].step == "mine")
        #expect(doc.layerSteps["entities"] == "mine")
    }

    @Test func changingAnUndeclaredCoreLayerRejectsTheDocumentNamingTheFix() throws {
        var doc = Document(id: "a", text: "Soleimani spoke")
        let outcome = try answer(#"{"id":"a","entities":[{"start":0,"end":9,"label":"PERSON"}]}"#, to: &doc, provides: ["topics"])
        guard case .rejected(let reason) = outcome else { Issue.record("merged: \(outcome)"); return }
        #expect(reason.contains("entities") && reason.contains("provides"), "\(reason)")
        #expect(doc.entities.isEmpty)
    }

    @Test func customLayersComeBackAsJSONAndReadTypedWithUTF8Spans() throws {
        struct Hit: Codable, Sendable { var span: Span; var word: String }
        let hits = LayerKey<[Hit]>("hits")
        var doc = Document(id: "a", text: "Café Zürich")
        _ = try answer(#"{"id":"a","layers":{"hits":[{"span":{"start":5,"end":11},"word":"Zürich"}]}}"#, to: &doc, provides: ["hits"])
        let read = try #require(try doc.layer(hits))
        #expect(doc.text(of: read[0].span) == "Zürich")
        // Echoing our own typed layer back is not a change.
        var typed = Document(id: "a", text: "Café Zürich")
        typed.setLayer(read, for: hits)
        typed.customWritten = []
        let echo = String(decoding: try DocumentJSON.encode(typed), as: UTF8.self)
        _ = try answer(echo, to: &typed, provides: [])
        #expect(typed.customWritten.isEmpty)
    }

    @Test func unchangedCoreLayersAreNotReattributed() throws {
        var doc = Document(id: "a", text: "One two.")
        doc.sentences = [Span(start: 0, end: 8)]
        doc.layerSteps["sentences"] = "parse"
        let line = String(decoding: try DocumentJSON.encode(doc), as: UTF8.self)
        #expect(try answer(line, to: &doc) == .merged)
        #expect(doc.layerSteps["sentences"] == "parse")
    }

    @Test func wrongIdIsAProtocolError() {
        var doc = Document(id: "a", text: "x")
        #expect(throws: ExecMerge.ProtocolError.self) { try answer(#"{"id":"b","text":"x"}"#, to: &doc) }
    }

    @Test func nonObjectAndBadSpansAreProtocolErrors() {
        var doc = Document(id: "a", text: "x")
        #expect(throws: ExecMerge.ProtocolError.self) { try answer("[1,2]", to: &doc) }
        #expect(throws: ExecMerge.ProtocolError.self) { try answer(#"{"id":"a","sentences":[{"start":0,"end":99}]}"#, to: &doc) }
    }

    @Test func newWarningsAreAppendedOnce() throws {
        var doc = Document(id: "a", text: "x")
        doc.warnings = ["old"]
        _ = try answer(#"{"id":"a","warnings":["old","new"]}"#, to: &doc)
        #expect(doc.warnings == ["old", "new"])
    }
}
