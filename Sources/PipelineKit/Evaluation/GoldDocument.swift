import Foundation

/// One annotated document of a gold or training file: JSON Lines, one document a line, in the shape of
/// ../shared/eval/ner and ../shared/eval/quotes (`{"id", "text", "entities": [{"start", "end", "label"}],
/// "quotes": [{"start", "end", "speaker", "fragments"}]}`). Offsets are Unicode code points, end exclusive.
///
/// A record may name its text instead of holding it (`{"id", "file": "bbc-politics-007.txt", "quotes": [...]}`),
/// for gold kept apart from texts it may not copy: the file is read from the `texts` folder (by default the
/// gold file's own), and analysed as `pipeline run` reads that file.
///
/// ```swift
/// let gold = try GoldReader.read(paths: ["dev.jsonl"])      // names file:line on a bad record
/// for document in gold { print(document.id, document.entities.count) }
/// ```
public struct GoldDocument: Sendable {
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var label: String
        public init(start: Int, end: Int, label: String) {
            self.start = start
            self.end = end
            self.label = label
        }
    }

    public struct Quote: Sendable {
        public var start: Int
        public var end: Int
        public var fragments: [Range<Int>]
        public var speaker: String?
        public var kind: String?
    }

    public var id: String
    public var text: String
    public var entities: [Span]
    public var quotes: [Quote]
    /// The record's `source` field ("GUM", "BTC"), when it has one: trainers use it to mask labels a source
    /// does not annotate.
    public var source: String?
    /// The text file the record names (`"file"`), resolved against the texts folder; nil when the record holds its text.
    public var file: String?
    /// The gold file the record is in.
    public var goldFile: String
    /// Where the record is, for messages: "train.jsonl:12".
    public var location: String
}

/// A record of a gold file that cannot be used, with its place.
public struct GoldFileError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads gold JSON Lines files, checking every record before anything uses it.
public enum GoldReader {
    private struct Record: Decodable {
        struct Entity: Decodable { var start: Int; var end: Int; var label: String }
        struct Quote: Decodable {
            var start: Int
            var end: Int
            var speaker: String?
            var kind: String?
            var fragments: [[Int]]?
        }
        var id: String?
        var text: String?
        var file: String?
        var entities: [Entity]?
        var quotes: [Quote]?
        var source: String?
    }

    /// Reads each path (a comma in `--data a.jsonl,b.jsonl` is split by the caller). `texts` is the folder that
    /// holds the files records name by `"file"`; nil: each gold file's own folder.
    public static func read(paths: [String], texts: String? = nil) throws -> [GoldDocument] {
        var documents: [GoldDocument] = []
        var seen: [String: String] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GoldFileError("\(path): cannot read the file; check the path")
            }
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let place = "\(path):\(lineNumber)"
                let folder = texts ?? (path as NSString).deletingLastPathComponent
                let document = try parse(Data(line), place: place, fallbackID: place, goldFile: path, texts: folder)
                if let first = documents.last(where: { $0.goldFile == path }), (first.file == nil) != (document.file == nil) {
                    throw GoldFileError("\(place): a gold file's records either all name their text by \"file\" or all hold it in \"text\"; \(first.location) does the other")
                }
                if let earlier = seen[document.id] {
                    throw GoldFileError("\(place): document id \"\(document.id)\" is also used at \(earlier); ids must be unique")
                }
                seen[document.id] = place
                documents.append(document)
            }
        }
        return documents
    }

    static func parse(_ line: Data, place: String, fallbackID: String, goldFile: String = "", texts: String = ".") throws -> GoldDocument {
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: line)
        } catch let DecodingError.keyNotFound(key, context) {
            throw GoldFileError("\(place): the record has no \"\(([key] + context.codingPath.reversed()).reversed().map(\.stringValue).joined(separator: "."))\"; each line needs {\"id\", \"text\", \"entities\": [{\"start\", \"end\", \"label\"}]}")
        } catch let DecodingError.typeMismatch(_, context) {
            throw GoldFileError("\(place): \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type (\(context.debugDescription))")
        } catch {
            throw GoldFileError("\(place): not a JSON object on one line; each line needs {\"id\", \"text\", \"entities\": [{\"start\", \"end\", \"label\"}]}")
        }
        let text: String
        var file: String?
        switch (record.text, record.file) {
        case (let t?, nil): text = t
        case (nil, let name?):
            let path = name.hasPrefix("/") ? name : (texts as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GoldFileError("\(place): cannot read \"\(name)\" (the record's \"file\") in \(texts); pass --texts naming the folder that holds it")
            }
            text = String(decoding: data, as: UTF8.self)
            file = path
        case (.some, .some):
            throw GoldFileError("\(place): the record has both \"text\" and \"file\"; keep one")
        case (nil, nil):
            throw GoldFileError("\(place): the record has no \"text\"; each line needs {\"id\", \"text\", ...} or {\"id\", \"file\", ...}")
        }
        let length = text.unicodeScalars.count
        func check(_ start: Int, _ end: Int, _ what: String) throws {
            guard start >= 0, start < end, end <= length else {
                throw GoldFileError("\(place): \(what) has start \(start), end \(end), outside the text (\(length) code points) or empty; offsets are code points into \"text\", end exclusive")
            }
        }
        var entities: [GoldDocument.Span] = []
        for (k, e) in (record.entities ?? []).enumerated() {
            try check(e.start, e.end, "entity \(k + 1) (\(e.label))")
            entities.append(.init(start: e.start, end: e.end, label: e.label))
        }
        var quotes: [GoldDocument.Quote] = []
        for (k, q) in (record.quotes ?? []).enumerated() {
            try check(q.start, q.end, "quote \(k + 1)")
            var fragments: [Range<Int>] = []
            for f in q.fragments ?? [] {
                guard f.count == 2 else { throw GoldFileError("\(place): quote \(k + 1) has a fragment that is not [start, end]") }
                try check(f[0], f[1], "a fragment of quote \(k + 1)")
                fragments.append(f[0]..<f[1])
            }
            quotes.append(.init(start: q.start, end: q.end, fragments: fragments, speaker: q.speaker, kind: q.kind))
        }
        return GoldDocument(id: record.id ?? fallbackID, text: text, entities: entities, quotes: quotes,
                            source: record.source, file: file, goldFile: goldFile, location: place)
    }
}
