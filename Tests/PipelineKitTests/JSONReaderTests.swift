import Foundation
import Testing
@testable import PipelineKit

@Suite("JSONReader keeps JSON types and never crashes on bad input")
struct JSONReaderTests {
    @Test func booleansNumbersStringsNullsAndNesting() throws {
        let value = try JSONReader.parse(Array(#"{"t":true,"f":false,"one":1,"zero":0,"neg":-7,"pi":3.25,"exp":1e3,"s":"é\"x","n":null,"a":[1,"b",false,{"k":[]}]}"#.utf8))
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["one"] == .int(1))
        #expect(value["zero"] == .int(0))
        #expect(value["neg"] == .int(-7))
        #expect(value["pi"] == .double(3.25))
        #expect(value["exp"] == .double(1000))
        #expect(value["s"] == .string("é\"x"))
        #expect(value["n"] == .null)
        #expect(value["a"] == .array([.int(1), .string("b"), .bool(false), .object(["k": .array([])])]))
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let value = try JSONReader.parse(Array(#"["a\nb\t\"q\" \\ \/ \u00e9 \ud83d\ude00 café"]"#.utf8))
        #expect(value == .array([.string("a\nb\t\"q\" \\ / é 😀 café")]))
    }

    @Test func agreesWithJSONDecoderOnAnExportedDocument() throws {
        var doc = Document(id: "x", text: "Zürich said \"hi\".\n")
        doc.sentences = [Span(start: 0, end: 19)]
        doc.metadata.extra = ["n": 1.5, "list": [1, "two", nil, true]]
        let data = try DocumentJSON.encode(doc)
        #expect(try JSONReader.parse(Array(data)) == JSONDecoder().decode(JSONValue.self, from: data))
    }

    @Test(arguments: ["{nope", "", "[1,", #"{"a":}"#, #""unterminated"#, "[1] x", "nul", "-", "1e999",
                      String(repeating: "[", count: 100_000)])
    func invalidInputThrowsInsteadOfCrashing(text: String) {
        #expect(throws: JSONReader.SyntaxError.self) { try JSONReader.parse(Array(text.utf8)) }
    }

    // `--resume` reads the ids of an existing output line by line; a wrong id would skip or repeat documents.
    func id(_ line: String) -> String? { JSONReader.topLevelString("id", in: Array(line.utf8)[...]) }

    @Test func resumeReadsTheTopLevelIDInExportsKeyOrder() {
        #expect(id(#"{"schema_version":"1.0","id":"world/europe/a","text":"x"}"#) == "world/europe/a")
    }

    @Test func resumeIgnoresIDsInsideNestedValuesWhateverTheKeyOrder() {
        // Export's first version sorted keys: entity_table (with its own "id"s) came before the document's id.
        let sorted = #"{"entity_table":[{"aliases":["]"],"id":"E1"}],"entities":[{"entity_id":"E1"}],"id":"doc-7","text":"{\"id\":\"no\"}"}"#
        #expect(id(sorted) == "doc-7")
    }

    @Test func resumeDecodesEscapesInTheID() {
        #expect(id(#"{"id":"a\"b\\c\/d\u00e9\ud83d\ude00"}"#) == "a\"b\\c/dé😀")
    }

    @Test(arguments: [#"{"schema_version":"1.0","text":"no id"}"#, #"{"id":7}"#, "not json", #"{"id":"cut"#,
                      #"{"id":"a","text":"cut after the id"#, #"{"id":"a","entities":[{"x":1}"#, #"{"id":"a"} trailing"#, ""])
    func resumeRefusesLinesThatAreNotWholeObjectsWithAStringID(line: String) {
        #expect(id(line) == nil)
    }
}
