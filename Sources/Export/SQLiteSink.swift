import Foundation
import GRDB
import PipelineKit
import Synchronization

/// `format: sqlite`: a database with the tables documents, entities, mentions and quotes (docs/processors/export.md).
///
/// Documents are written in transactions of `batchSize`. Each document first loses the rows an earlier
/// run wrote for the same id, so re-running a pipeline into the same database replaces rows instead of
/// adding them, and a corpus can be loaded in several batches. An interrupted run leaves the database
/// as of the last committed batch (SQLite's journal guarantees that).
final class SQLiteSink: ExportSink {
    /// `PRAGMA application_id` of databases export creates ("DPIP"), so `overwrite: ours` can recognise them.
    static let applicationID: Int32 = 0x4450_4950
    /// Raised when the tables change; a database with another version is refused with a clear message.
    static let tablesVersion = 1

    private let queue: DatabaseQueue
    private let path: String
    private let batchSize: Int
    private var pending: [DocumentRows] = []

    init(path: String, batchSize: Int, overwrite: OverwritePolicy) throws {
        self.path = path
        self.batchSize = batchSize
        try OutputPaths.prepareParent(of: path, option: "path")
        try Self.checkExisting(path, overwrite: overwrite)
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.label = "export"
            // WAL with synchronous=NORMAL: one sync per checkpoint instead of per transaction, and still
            // crash-safe (a crash may lose the last transactions, never corrupt the file).
            configuration.journalMode = .wal
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in try Self.createTables(db) }
        } catch let error as SetupError {
            throw error
        } catch {
            throw SetupError("cannot use \(path) as an SQLite database: \(error); choose another path", option: "path")
        }
    }

    /// The ids of the documents the database holds, for `--resume`.
    func documentIDs() throws -> Set<String> {
        do {
            return Set(try queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM documents") })
        } catch {
            throw SetupError("--resume cannot read the documents of \(path): \(error)", option: "path")
        }
    }

    /// A database export made is updated in place; other files follow the overwrite policy.
    private static func checkExisting(_ path: String, overwrite: OverwritePolicy) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw SetupError("\(path) is a folder; sqlite needs a database file path such as \(path)/export.db", option: "path")
        }
        let head = OutputPaths.readHead(path, count: 100)
        if head.isEmpty { return }
        let isSQLite = head.starts(with: Array("SQLite format 3\0".utf8))
        switch overwrite {
        case .never:
            throw SetupError("\(path) already exists and `overwrite: never` is set; remove it or choose another path", option: "path")
        case .ours:
            if isSQLite && (isOurs(head) || applicationIDInLog(path) == applicationID) { return }
            throw SetupError("\(path) already exists and was not written by export; set `overwrite: always` to \(isSQLite ? "add the export tables to it" : "replace it"), or choose another path", option: "path")
        case .always:
            if !isSQLite, unlink(path) != 0 {
                throw SetupError("cannot replace \(path): \(String(cString: strerror(errno)))", option: "path")
            }
        }
    }

    /// A run killed before SQLite's first checkpoint (SIGKILL) leaves its header changes, the application
    /// id among them, in the write-ahead log beside the file: SQLite reads them from there.
    static func applicationIDInLog(_ path: String) -> Int32? {
        guard FileManager.default.fileExists(atPath: path + "-wal") else { return nil }
        return try? DatabaseQueue(path: path).read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
    }

    /// The application id is the big-endian 32-bit number at byte 68 of the SQLite header.
    static func isOurs(_ head: [UInt8]) -> Bool {
        guard head.count >= 72 else { return false }
        let id = head[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Int32(bitPattern: id) == applicationID
    }

    static func createTables(_ db: Database) throws {
        if try db.tableExists("export_info"),
           let version = try Int.fetchOne(db, sql: "SELECT value FROM export_info WHERE key = 'tables_version'"),
           version != tablesVersion {
            throw SetupError("the database has export tables of version \(version), this build writes version \(tablesVersion); use a new database file", option: "path")
        }
        try db.execute(sql: """
            PRAGMA application_id = \(applicationID);
            CREATE TABLE IF NOT EXISTS export_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR REPLACE INTO export_info (key, value) VALUES
                ('tables_version', '\(tablesVersion)'), ('schema_version', '\(DocumentJSON.schemaVersion)');
            CREATE TABLE IF NOT EXISTS documents (
                id TEXT PRIMARY KEY,
                title TEXT, published TEXT, source TEXT, byline TEXT, dateline TEXT, url TEXT, language TEXT,
                metadata TEXT NOT NULL,          -- every metadata field as a JSON object
                source_path TEXT, source_format TEXT,
                characters INTEGER NOT NULL,     -- length of text in code points
                text TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS entities (
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                entity_id TEXT NOT NULL,
                name TEXT NOT NULL, label TEXT NOT NULL,
                aliases TEXT NOT NULL,           -- JSON array
                gender TEXT,
                mention_count INTEGER NOT NULL,
                attributes TEXT,                 -- JSON object or NULL
                step TEXT NOT NULL,
                PRIMARY KEY (document_id, entity_id)
            );
            CREATE TABLE IF NOT EXISTS mentions (
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,        -- position in the document's entity layer
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, label TEXT NOT NULL,
                entity_id TEXT,
                attributes TEXT,
                step TEXT NOT NULL,
                PRIMARY KEY (document_id, ordinal),
                FOREIGN KEY (document_id, entity_id) REFERENCES entities(document_id, entity_id) ON DELETE CASCADE
            );
            CREATE TABLE IF NOT EXISTS quotes (
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, kind TEXT NOT NULL,
                cue TEXT,
                speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
                speaker_entity_id TEXT, speaker_name TEXT,
                fragments TEXT NOT NULL,         -- JSON array of [start, end]
                rule TEXT NOT NULL, step TEXT NOT NULL,
                PRIMARY KEY (document_id, ordinal),
                FOREIGN KEY (document_id, speaker_entity_id) REFERENCES entities(document_id, entity_id) ON DELETE CASCADE
            );
            CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
            CREATE INDEX IF NOT EXISTS entities_name ON entities(name, label);
            CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(document_id, entity_id);
            CREATE INDEX IF NOT EXISTS mentions_text ON mentions(text, label);
            CREATE INDEX IF NOT EXISTS quotes_speaker_name ON quotes(speaker_name);
            CREATE INDEX IF NOT EXISTS quotes_speaker_entity ON quotes(document_id, speaker_entity_id);
            """)
    }

    func write(_ document: Document) throws {
        try throwWriteErrors()
        pending.append(try DocumentRows(document))
        if pending.count >= batchSize { flush() }
    }

    func finish() throws {
        flush()
        // A synchronous access runs after every batch queued before it: the barrier for the last batch.
        queue.writeWithoutTransaction { _ in }
        try throwWriteErrors()
        try queue.close()
    }

    /// Errors of batches written in the background, reported at the next document or at the end.
    private final class WriteErrors: Sendable {
        let failed = Locked<(ids: [String], last: String)>(([], ""))
    }
    private let errors = WriteErrors()
    /// At most two batches wait for the writer, so memory stays bounded when SQLite is the slow step.
    private let slots = DispatchSemaphore(value: 2)

    private func throwWriteErrors() throws {
        let (ids, last) = errors.failed.withLock { value in
            defer { value = ([], "") }
            return value
        }
        if !ids.isEmpty {
            throw ExportError("SQLite \(path): could not write \(ids.count) document(s) (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : "")): \(last)")
        }
    }

    /// Hands the pending documents to GRDB's writer queue, which writes them in one transaction while
    /// the pipeline goes on (SQLite work then overlaps the other steps instead of stalling the run).
    /// If the batch fails, each document is retried in its own transaction, so one bad document costs
    /// only itself; the failures are reported by the next `write` or by `finish`.
    private func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        slots.wait()
        let slots = self.slots, errors = self.errors
        queue.asyncWriteWithoutTransaction { db in
            defer { slots.signal() }
            do {
                try db.inTransaction {
                    for rows in batch { try Self.insert(rows, db) }
                    return .commit
                }
            } catch {
                for rows in batch {
                    do {
                        try db.inTransaction {
                            try Self.insert(rows, db)
                            return .commit
                        }
                    } catch {
                        errors.failed.withLock { $0.ids.append(rows.id); $0.last = "\(error)" }
                    }
                }
            }
        }
    }

    /// Replaces one document's rows.
    static func insert(_ r: DocumentRows, _ db: Database) throws {
        for table in ["quotes", "mentions", "entities"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE document_id = ?").execute(arguments: [r.id])
        }
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [r.id])

        let m = r.metadata
        try db.cachedStatement(sql: """
            INSERT INTO documents (id, title, published, source, byline, dateline, url, language, metadata,
                                   source_path, source_format, characters, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [r.id, m.title, m.published, m.source, m.byline, m.dateline, m.url, m.language,
                                     DocumentRows.json(m), r.sourcePath, r.sourceFormat, r.characters, r.text])

        // Duplicate ids in a step's entity table are ignored (the first one wins), not fatal.
        let entity = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO entities (document_id, entity_id, name, label, aliases, gender, mention_count, attributes, step)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for e in r.entities {
            try entity.execute(arguments: [r.id, e.id, e.name, e.label, DocumentRows.json(e.aliases), e.gender, e.mentionCount,
                                           e.attributes.isEmpty ? nil : DocumentRows.json(e.attributes), e.step])
        }

        let mention = try db.cachedStatement(sql: """
            INSERT INTO mentions (document_id, ordinal, start, "end", text, label, entity_id, attributes, step)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, e) in r.mentions.enumerated() {
            try mention.execute(arguments: [r.id, i, e.start, e.end, e.text, e.label, e.entityID,
                                            e.attributes.isEmpty ? nil : DocumentRows.json(e.attributes), e.step])
        }

        let quote = try db.cachedStatement(sql: """
            INSERT INTO quotes (document_id, ordinal, start, "end", text, kind, cue, speaker_text, speaker_start, speaker_end,
                                speaker_entity_id, speaker_name, fragments, rule, step)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, q) in r.quotes.enumerated() {
            try quote.execute(arguments: [r.id, i, q.start, q.end, q.text, q.kind, q.cue?.text, q.speaker?.text,
                                          q.speaker?.start, q.speaker?.end, q.speakerEntityID, q.speakerName,
                                          DocumentRows.json(q.fragments), q.rule, q.step])
        }
    }
}
