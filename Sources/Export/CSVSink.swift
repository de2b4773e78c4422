import Foundation
import PipelineKit

/// `format: csv`: documents.csv, entities.csv (one row per mention) and quotes.csv in a folder.
///
/// RFC 4180: a header row, CRLF line ends, fields with a comma, quote, CR or LF in double quotes with
/// inner quotes doubled. Offsets are code points, like the JSON output; every row carries `document_id`.
final class CSVSink: ExportSink {
    static let documentColumns = ["document_id", "title", "published", "source", "byline", "dateline", "url", "language",
                                  "source_path", "source_format", "characters", "entities", "quotes", "metadata", "text"]
    static let entityColumns = ["document_id", "start", "end", "text", "label", "entity_id", "entity_name",
                                "entity_mentions", "attributes", "step"]
    static let quoteColumns = ["document_id", "start", "end", "text", "kind", "cue", "speaker_text", "speaker_start",
                               "speaker_end", "speaker_entity_id", "speaker_name", "fragments", "rule", "step"]

    private let documents: AtomicFile
    private let entities: AtomicFile
    private let quotes: AtomicFile
    private var line: [UInt8] = []

    init(folder: String, overwrite: OverwritePolicy) throws {
        try OutputPaths.prepareFolder(folder, for: folder, option: "path")
        func open(_ name: String, _ columns: [String]) throws -> AtomicFile {
            let header = Array((columns.joined(separator: ",") + "\r\n").utf8)
            let file = try AtomicFile(path: folder + "/" + name, overwrite: overwrite) { $0.starts(with: header) }
            try file.write(header)
            return file
        }
        documents = try open("documents.csv", Self.documentColumns)
        entities = try open("entities.csv", Self.entityColumns)
        quotes = try open("quotes.csv", Self.quoteColumns)
    }

    func write(_ document: Document) throws {
        let rows = try DocumentRows(document)
        let m = rows.metadata
        row([rows.id, m.title, m.published, m.source, m.byline, m.dateline, m.url, m.language, rows.sourcePath,
             rows.sourceFormat, String(rows.characters), String(rows.mentions.count), String(rows.quotes.count),
             m.extra.isEmpty ? "" : DocumentRows.json(m), rows.text])
        try documents.write(line)

        line.removeAll(keepingCapacity: true)
        let counts = Dictionary(rows.entities.map { ($0.id, $0.mentionCount) }, uniquingKeysWith: { a, _ in a })
        for e in rows.mentions {
            row([rows.id, String(e.start), String(e.end), e.text, e.label, e.entityID, e.entityName,
                 e.entityID.flatMap { counts[$0] }.map(String.init), e.attributes.isEmpty ? "" : DocumentRows.json(e.attributes),
                 e.step], append: true)
        }
        try entities.write(line)

        line.removeAll(keepingCapacity: true)
        for q in rows.quotes {
            row([rows.id, String(q.start), String(q.end), q.text, q.kind, q.cue?.text, q.speaker?.text,
                 q.speaker.map { String($0.start) }, q.speaker.map { String($0.end) }, q.speakerEntityID, q.speakerName,
                 DocumentRows.json(q.fragments), q.rule, q.step], append: true)
        }
        try quotes.write(line)
    }

    func finish() throws {
        try documents.commit()
        try entities.commit()
        try quotes.commit()
    }

    /// Appends one CSV record to `line` (replacing it unless `append`); nil is an empty field.
    private func row(_ fields: [String?], append: Bool = false) {
        if !append { line.removeAll(keepingCapacity: true) }
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            if let field { Self.appendField(field, to: &line) }
        }
        line.append(0x0D)
        line.append(0x0A)
    }

    /// RFC 4180 quoting on UTF-8 bytes: only fields holding a comma, quote, CR or LF are quoted,
    /// and quotes inside them are doubled.
    static func appendField(_ field: String, to out: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in
            let needsQuotes = bytes.contains { (b: UInt8) -> Bool in b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D }
            guard needsQuotes else { out.append(contentsOf: bytes); return }
            out.append(0x22)
            var runStart = 0
            for i in 0..<bytes.count where bytes[i] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...i]))
                out.append(0x22)
                runStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            out.append(0x22)
        }
    }
}
