import Foundation
import PipelineKit
import Testing
@testable import Export

@Suite struct CSVExportTests {
    /// A strict RFC 4180 reader: records end with CRLF, quoted fields may hold commas, quotes and line breaks.
    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r" {
                guard scalars.popFirst() == "\n" else { throw CSVError("bare CR") }
                record.append(field); field = ""
                records.append(record); record = []
            } else if c == "\n" || c == "\"" {
                throw CSVError("unquoted \(c == "\n" ? "LF" : "quote") in field '\(field)'")
            } else {
                field.unicodeScalars.append(c)
            }
        }
        guard record.isEmpty, field.isEmpty, !quoted else { throw CSVError("last record not ended by CRLF") }
        return records
    }

    struct CSVError: Error { var message: String; init(_ m: String) { message = m } }

    static func table(_ path: String) throws -> [[String: String]] {
        let records = try parse(Harness.read(path))
        let header = records[0]
        return records.dropFirst().map { r in
            #expect(r.count == header.count, "a record has \(r.count) fields, the header \(header.count)")
            return Dictionary(uniqueKeysWithValues: zip(header, r))
        }
    }

    @Test func writesThreeFilesWithAHeaderAndOneRowPerAnnotation() async throws {
        let folder = Harness.temporaryFolder() + "/csv"
        let docs = [Samples.library, Samples.hostile, Samples.bare]
        try await Harness.export(docs, ["format": "csv", "path": .string(folder)])

        let documents = try Self.table(folder + "/documents.csv")
        #expect(documents.map { $0["document_id"] } == docs.map(\.id))
        #expect(documents[0]["title"] == "Restored city library reopens")
        #expect(documents[0]["text"] == Samples.library.text)
        #expect(documents[1]["text"] == Samples.hostile.text)
        #expect(documents[0]["entities"] == String(Samples.library.entities.count))

        let entities = try Self.table(folder + "/entities.csv")
        #expect(entities.count == docs.map(\.entities.count).reduce(0, +))
        let park = try #require(entities.first { $0["text"] == "Joon-ho Park" })
        #expect(park["document_id"] == "library-reopens")
        #expect(park["entity_id"] == "park")
        #expect(park["entity_name"] == "Joon-ho Park")
        #expect(park["label"] == "PERSON")
        #expect(park["attributes"] == "{\"title\":\"Head librarian\"}")
        let zoe = try #require(entities.first { $0["entity_id"] == "zoe" })
        #expect(zoe["text"] == "Zoë \"Z\" O'Neill")

        let quotes = try Self.table(folder + "/quotes.csv")
        #expect(quotes.count == 4)
        let hostile = try #require(quotes.first { $0["document_id"] == Samples.hostile.id })
        #expect(hostile["text"] == "Commas, \"quotes\" and\nnew lines")
        #expect(hostile["speaker_name"] == "Zoë \"Z\" O'Neill")
        let split = try #require(quotes.first { $0["text"]?.hasPrefix("We kept") == true })
        #expect(split["fragments"]?.hasPrefix("[[") == true)
        #expect(split["speaker_entity_id"] == "park")
    }

    @Test func csvOffsetsAreCodePointsLikeTheJSONOutput() async throws {
        let folder = Harness.temporaryFolder()
        try await Harness.export([Samples.library], ["format": "csv", "path": .string(folder)])
        let json = try DocumentJSON.jsonValue(Samples.library)
        let rows = try Self.table(folder + "/entities.csv")
        let jsonEntities = try #require(json["entities"]?.arrayValue)
        #expect(rows.map { Int($0["start"]!) } == jsonEntities.map { $0["start"]?.intValue })
        #expect(rows.map { Int($0["end"]!) } == jsonEntities.map { $0["end"]?.intValue })
    }

    @Test func aFileWhereTheFolderShouldBeIsASetupError() throws {
        let folder = Harness.temporaryFolder()
        FileManager.default.createFile(atPath: folder + "/taken", contents: Data("x".utf8))
        #expect {
            try Harness.makeExport(["format": "csv", "path": .string(folder + "/taken")])
        } throws: { error in
            (error as? SetupError)?.option == "path" && "\(error)".contains("is a file")
        }
    }
}
