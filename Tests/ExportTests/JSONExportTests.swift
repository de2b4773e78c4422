import Foundation
import PipelineKit
import Testing
@testable import Export

@Suite struct JSONExportTests {
    let documents = [Samples.library, Samples.hostile, Samples.bare]

    @Test func everyJSONLinesLineConformsToThePublishedSchemaInSwift() async throws {
        let folder = Harness.temporaryFolder()
        let path = folder + "/out.jsonl"
        try await Harness.export(documents, ["format": "jsonl", "path": .string(path), "layers": ["all"]])
        let validator = SchemaValidator(root: try Harness.schema())
        let lines = try Harness.lines(path)
        #expect(lines.count == documents.count)
        for line in lines {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
            #expect(validator.problems(value) == [])
            #expect(value["schema_version"] == .string(DocumentJSON.schemaVersion))
        }
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema package is not installed; skipped (pip install jsonschema)"))
    func everyJSONLinesLineValidatesWithPythonJSONSchemaAndItsOffsetsSliceTheText() async throws {
        let folder = Harness.temporaryFolder()
        let path = folder + "/out.jsonl"
        try await Harness.export(documents, ["format": "jsonl", "path": .string(path), "layers": ["all"]])
        let result = Python.run(["-c", Python.validator, Harness.schemaPath, path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func theSwiftValidatorRejectsADocumentThatBreaksTheSchema() throws {
        let validator = SchemaValidator(root: try Harness.schema())
        var value = try DocumentJSON.jsonValue(Samples.library)
        guard case .object(var object) = value else { Issue.record("not an object"); return }
        object["quotes"] = [["start": -1, "end": 3, "text": "x", "kind": "shouted"]]
        object["unknown_field"] = 1
        value = .object(object)
        let problems = validator.problems(value).joined(separator: "\n")
        #expect(problems.contains("unknown_field"))
        #expect(problems.contains("below the minimum"))
        #expect(problems.contains("shouted"))
        #expect(problems.contains("missing required 'fragments'"))
    }

    @Test func offsetsAreCodePointsAndSpanTextsMatchTheText() throws {
        let value = try DocumentJSON.jsonValue(Samples.library)
        let scalars = Array(try #require(value["text"]?.stringValue).unicodeScalars)
        func slice(_ v: JSONValue) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[v["start"]!.intValue!..<v["end"]!.intValue!])
            return String(s)
        }
        let entities = try #require(value["entities"]?.arrayValue)
        #expect(entities.count == Samples.library.entities.count)
        for e in entities { #expect(slice(e) == e["text"]?.stringValue) }
        // "ASHFORD — The Ashford…": the dash is 3 UTF-8 bytes but one code point.
        let library = try #require(entities.first { $0["text"] == "Ashford Central Library" })
        #expect(library["start"] == 14)
        for q in try #require(value["quotes"]?.arrayValue) {
            #expect(slice(q) == q["text"]?.stringValue)
            for f in q["fragments"]?.arrayValue ?? [] { #expect(slice(f) == f["text"]?.stringValue) }
            if let speaker = q["speaker"], speaker != .null { #expect(slice(speaker) == speaker["text"]?.stringValue) }
        }
    }

    @Test func theFieldsUsersReadAreWrittenWithTheirProducingStep() throws {
        let value = try DocumentJSON.jsonValue(Samples.library)
        let park = try #require(value["entities"]?.arrayValue?.first { $0["text"] == "Joon-ho Park" })
        #expect(park["label"] == "PERSON")
        #expect(park["entity_id"] == "park")
        #expect(park["attributes"]?["title"] == "Head librarian")
        #expect(park["step"] == "extract-entities")
        let table = try #require(value["entity_table"]?.arrayValue?.first { $0["id"] == "park" })
        #expect(table["name"] == "Joon-ho Park")
        #expect(table["mentions"] == 2)
        let quote = try #require(value["quotes"]?.arrayValue?[1])
        #expect(quote["fragments"]?.arrayValue?.count == 2)
        #expect(quote["kind"] == "direct")
        #expect(quote["cue"]?["text"] == "said")
        #expect(quote["speaker"]?["text"] == "Park")
        #expect(quote["speaker"]?["entity_id"] == "park")
        #expect(quote["speaker"]?["name"] == "Joon-ho Park")
        #expect(quote["step"] == "extract-quotes")
        #expect(value["layers"]?["keyphrases"] == ["library", "books"])
        #expect(value["steps"]?["keyphrases"] == "keyphrases")
        #expect(value["metadata"]?["word_count"] == 63)
        #expect(value["metadata"]?["title"] == "Restored city library reopens")
    }

    @Test func decodingTheEncodedFormGivesBackTheSameDocument() throws {
        for original in documents {
            let back = try DocumentJSON.decode(DocumentJSON.encode(original))
            #expect(back.id == original.id)
            #expect(back.text == original.text)
            #expect(back.source == original.source)
            #expect(back.metadata == original.metadata)
            #expect(back.paragraphs == original.paragraphs)
            #expect(back.sentences == original.sentences)
            #expect(back.tokens == original.tokens)
            #expect(back.entities == original.entities)
            #expect(back.entityTable == original.entityTable)
            #expect(back.quotes == original.quotes)
            #expect(back.customLayerNames == original.customLayerNames)
            for name in original.customLayerNames {
                #expect(try back.layerJSON(named: LayerName(name)) == original.layerJSON(named: LayerName(name)))
            }
            #expect(back.layerSteps == original.layerSteps)
        }
    }

    @Test func stringsThatNeedEscapingSurviveAsValidJSON() throws {
        var d = Samples.bare
        d.text = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{0} del \u{7F} emoji 🎉 slash / é"
        let data = try DocumentJSON.encode(d)
        let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(parsed?["text"] as? String == d.text)
    }

    @Test func tokensAreLeftOutByDefaultAndWrittenWhenAsked() async throws {
        let folder = Harness.temporaryFolder()
        try await Harness.export([Samples.library], ["format": "jsonl", "path": .string(folder + "/default.jsonl")])
        try await Harness.export([Samples.library], ["format": "jsonl", "path": .string(folder + "/all.jsonl"), "layers": ["all"]])
        try await Harness.export([Samples.library], ["format": "jsonl", "path": .string(folder + "/few.jsonl"), "layers": ["quotes"]])
        let byDefault = try JSONDecoder().decode(JSONValue.self, from: Data(Harness.read(folder + "/default.jsonl").utf8))
        let all = try JSONDecoder().decode(JSONValue.self, from: Data(Harness.read(folder + "/all.jsonl").utf8))
        let few = try JSONDecoder().decode(JSONValue.self, from: Data(Harness.read(folder + "/few.jsonl").utf8))
        #expect(byDefault["tokens"] == nil)
        #expect(byDefault["entities"] != nil && byDefault["sentences"] != nil && byDefault["layers"] != nil)
        #expect(all["tokens"]?.arrayValue?.count == 2)
        #expect(few["quotes"] != nil && few["entities"] == nil && few["paragraphs"] == nil && few["layers"] == nil)
        #expect(few["text"] != nil && few["metadata"] != nil)
    }

    @Test func choosingOnlySegmentationLayersStillWritesEveryAnnotation() throws {
        // The exec protocol picks Layers only; entities, quotes and custom layers must still reach the child.
        let value = try DocumentJSON.jsonValue(Samples.library, layers: [])
        #expect(value["paragraphs"] == nil && value["tokens"] == nil)
        #expect(value["entities"]?.arrayValue?.count == Samples.library.entities.count)
        #expect(value["entity_table"]?.arrayValue?.count == Samples.library.entityTable.count)
        #expect(value["quotes"]?.arrayValue?.count == Samples.library.quotes.count)
        #expect(value["layers"]?["keyphrases"] != nil)
    }

    @Test func aSpanOutsideTheTextIsAnErrorNamingTheDocumentAndLayer() throws {
        var d = Samples.bare
        d.entities = [EntityMention(span: Span(start: 5, end: 500), label: .person, step: "bad-step")]
        #expect {
            try DocumentJSON.encode(d)
        } throws: { error in
            "\(error)".contains("bare") && "\(error)".contains("entities[0]") && "\(error)".contains("outside the text")
        }
        var cut = RichDocument(id: "cut", text: "Zoë").document
        cut.entities = [EntityMention(span: Span(start: 0, end: 3), label: .person, step: "bad-step")]  // inside "ë"
        #expect(throws: DocumentJSONError.self) { try DocumentJSON.encode(cut) }
    }

    @Test func jsonArrayLayoutWritesOneValidArray() async throws {
        let folder = Harness.temporaryFolder()
        let path = folder + "/all.json"
        try await Harness.export(documents, ["format": "json", "path": .string(path)])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        #expect(array.map { $0["id"] as? String } == documents.map(\.id))

        try await Harness.export([], ["format": "json", "path": .string(folder + "/empty.json")])
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/empty.json"))) as? [Any] != nil)
    }

    @Test func jsonFilesLayoutWritesOneFilePerDocumentInsideTheFolder() async throws {
        let folder = Harness.temporaryFolder()
        var nested = Samples.bare
        nested.id = "world/2019/story"
        var twin = Samples.bare
        twin.id = "bare"
        try await Harness.export(documents + [nested, twin], ["format": "json", "layout": "files", "path": .string(folder + "/docs")])
        let files = Harness.allFiles(in: folder + "/docs").filter { $0.hasSuffix(".json") }
        #expect(Set(files) == ["library-reopens.json", "hostile/_./_b_x_/b_.json",
                               "bare.json", "bare~2.json", "world/2019/story.json"])
        // The hostile id "hostile/../<b>x</b>" cannot climb out of the folder.
        #expect(!FileManager.default.fileExists(atPath: folder + "/<b>x<"))
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/docs/" + file))
            #expect(try JSONSerialization.jsonObject(with: data) as? [String: Any] != nil)
        }
    }
}
