import Testing
@testable import Export

/// `--resume` reads the ids of an existing output line by line; a wrong id would skip or repeat documents.
struct JSONLineIDTests {
    func id(_ line: String) -> String? { JSONLineID.read(Array(line.utf8)[...]) }

    @Test func readsTheTopLevelIDInExportsKeyOrder() {
        #expect(id(#"{"schema_version":"1.0","id":"world/europe/a","text":"x"}"#) == "world/europe/a")
    }

    @Test func ignoresIDsInsideNestedObjectsWhateverTheKeyOrder() {
        // Export's first version sorted keys: entity_table (with its own "id"s) came before the document's id.
        let sorted = #"{"entity_table":[{"aliases":[],"id":"E1"}],"entities":[{"entity_id":"E1"}],"id":"doc-7","text":"{\"id\":\"no\"}"}"#
        #expect(id(sorted) == "doc-7")
    }

    @Test func decodesEscapes() {
        #expect(id(#"{"id":"a\"b\\c\/d\u00e9\ud83d\ude00"}"#) == "a\"b\\c/dé😀")
    }

    @Test(arguments: [#"{"schema_version":"1.0","text":"no id"}"#, #"{"id":7}"#, "not json", #"{"id":"cut"#, ""])
    func refusesLinesWithoutAStringID(line: String) {
        #expect(id(line) == nil)
    }
}
