import Foundation
import GRDB
import PipelineKit
import Testing
@testable import Export

@Suite struct SQLiteExportTests {
    static func counts(_ path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { (db: Database) throws -> [String: Int] in
            var out: [String: Int] = [:]
            for table in ["documents", "entities", "mentions", "quotes"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")
            }
            return out
        }
    }

    @Test func writesTheTablesWithRowsAndIntactForeignKeys() async throws {
        let path = Harness.temporaryFolder() + "/db/out.db"
        let docs = [Samples.library, Samples.hostile, Samples.bare]
        try await Harness.export(docs, ["format": "sqlite", "path": .string(path), "batch_size": 2])
        let counts = try Self.counts(path)
        let entityCount = docs.map(\.entityTable.count).reduce(0, +)
        let mentionCount = docs.map(\.entities.count).reduce(0, +)
        let expected: [String: Int] = ["documents": 3, "entities": entityCount, "mentions": mentionCount, "quotes": 4]
        #expect(counts == expected)
        let queue = try DatabaseQueue(path: path)
        try await queue.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "SELECT text FROM mentions WHERE entity_id = 'zoe'") == "Zoë \"Z\" O'Neill")
            #expect(try String.fetchOne(db, sql: "SELECT published FROM documents WHERE id = 'library-reopens'") == "2026-09-21T07:45:00")
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
            #expect(Set(indexes).isSuperset(of: ["mentions_entity", "quotes_speaker_name", "entities_name"]))
        }
    }

    @Test func runningAgainReplacesEachDocumentsRowsSoCountsDoNotGrow() async throws {
        let path = Harness.temporaryFolder() + "/out.db"
        let docs = [Samples.library, Samples.hostile, Samples.bare]
        try await Harness.export(docs, ["format": "sqlite", "path": .string(path)])
        let first = try Self.counts(path)
        try await Harness.export(docs, ["format": "sqlite", "path": .string(path)])
        #expect(try Self.counts(path) == first)

        // A later batch with a changed document and a new one: the changed one is replaced, the new one added.
        var changed = Samples.library
        changed.quotes.removeLast()
        var extra = Samples.bare
        extra.id = "another"
        try await Harness.export([changed, extra], ["format": "sqlite", "path": .string(path)])
        let after = try Self.counts(path)
        #expect(after["documents"] == first["documents"]! + 1)
        #expect(after["quotes"] == first["quotes"]! - 1)
    }

    @Test func theDocumentedQueriesAnswerTheQuestionsUsersAsk() async throws {
        let path = Harness.temporaryFolder() + "/out.db"
        try await Harness.export([Samples.library, Samples.hostile], ["format": "sqlite", "path": .string(path)])
        let queue = try DatabaseQueue(path: path)
        try await queue.read { db in
            // Top speakers (docs/processors/export.md).
            let top = try Row.fetchAll(db, sql: """
                SELECT COALESCE(speaker_name, speaker_text) AS speaker, COUNT(*) AS quotes
                FROM quotes WHERE COALESCE(speaker_name, speaker_text) IS NOT NULL
                GROUP BY speaker ORDER BY quotes DESC, speaker LIMIT 20
                """)
            #expect(top.first?["speaker"] == "Joon-ho Park")
            #expect(top.first?["quotes"] == 2)
            // Who is quoted about an entity: quotes whose text mentions it.
            let about = try String.fetchAll(db, sql: """
                SELECT DISTINCT q.speaker_name FROM quotes q
                JOIN mentions m ON m.document_id = q.document_id AND m.start >= q.start AND m."end" <= q."end"
                JOIN entities e ON e.document_id = m.document_id AND e.entity_id = m.entity_id
                WHERE e.name = ?
                """, arguments: ["Ashford"])
            #expect(about == ["Joon-ho Park"])
            // Quotes per day.
            let perDay = try Row.fetchAll(db, sql: """
                SELECT substr(d.published, 1, 10) AS day, COUNT(*) AS quotes
                FROM quotes q JOIN documents d ON d.id = q.document_id
                WHERE d.published IS NOT NULL GROUP BY day ORDER BY day
                """)
            #expect(perDay.count == 1)
            #expect(perDay.first?["day"] == "2026-09-21")
            #expect(perDay.first?["quotes"] == 3)
        }
    }

    @Test func aDanglingEntityIDIsStoredAsNullInsteadOfBreakingTheBatch() async throws {
        let path = Harness.temporaryFolder() + "/out.db"
        var d = Samples.library
        d.entities[0].entityID = "no-such-entity"
        d.quotes[0].speakerEntityID = "nobody"
        d.entityTable.append(d.entityTable[0])  // a duplicate id: the first one wins
        try await Harness.export([d, Samples.bare], ["format": "sqlite", "path": .string(path)])
        let counts = try Self.counts(path)
        #expect(counts["documents"] == 2)
        #expect(counts["entities"] == Samples.library.entityTable.count)
    }

    @Test func aFileThatIsNotOurDatabaseIsRefusedUnlessOverwriteIsAlways() async throws {
        let folder = Harness.temporaryFolder()
        let path = folder + "/notes.db"
        FileManager.default.createFile(atPath: path, contents: Data("my notes".utf8))
        #expect {
            try Harness.makeExport(["format": "sqlite", "path": .string(path)])
        } throws: { error in
            "\(error)".contains("was not written by export") && "\(error)".contains("overwrite: always")
        }
        #expect(try Harness.read(path) == "my notes")
        try await Harness.export([Samples.bare], ["format": "sqlite", "path": .string(path), "overwrite": "always"])
        #expect(try Self.counts(path)["documents"] == 1)

        // Someone else's SQLite database.
        let theirs = folder + "/theirs.db"
        try await DatabaseQueue(path: theirs).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: SetupError.self) { try Harness.makeExport(["format": "sqlite", "path": .string(theirs)]) }
    }
}
