import PipelineKit

/// A document flattened to table rows with Unicode code point offsets: what the CSV and SQLite outputs write.
///
/// Building it checks every span against the text, so a step's bad span is reported for its document
/// instead of producing a broken row.
///
/// ```swift
/// let rows = try DocumentRows(document)
/// for m in rows.mentions { print(m.start, m.end, m.text, m.label) }
/// ```
struct DocumentRows: Sendable {
    struct Mention: Sendable {
        var start: Int, end: Int
        var text: String
        var label: String
        /// nil when the mention has no entity or points at an id missing from the entity table.
        var entityID: String?
        var entityName: String?
        var attributes: [String: String]
        var step: String
    }

    struct EntityRow: Sendable {
        var id: String
        var name: String
        var label: String
        var aliases: [String]
        var gender: String?
        var mentionCount: Int
        var attributes: [String: String]
        var step: String
    }

    struct SpanText: Sendable {
        var start: Int, end: Int
        var text: String
    }

    struct QuoteRow: Sendable {
        var start: Int, end: Int
        var text: String
        var kind: String
        var fragments: [SpanText]
        var cue: SpanText?
        var speaker: SpanText?
        /// nil when unresolved or when the id is missing from the entity table.
        var speakerEntityID: String?
        var speakerName: String?
        var rule: String
        var step: String
    }

    var id: String
    var metadata: Metadata
    var sourcePath: String?
    var sourceFormat: String
    var text: String
    /// Length of `text` in code points.
    var characters: Int
    var entities: [EntityRow] = []
    var mentions: [Mention] = []
    var quotes: [QuoteRow] = []

    init(_ d: Document) throws {
        id = d.id
        metadata = d.metadata
        sourcePath = d.source.path
        sourceFormat = d.source.format
        text = d.text
        let bytes = Array(d.text.utf8)
        let index = CodePointIndex(d.text)
        characters = index.codePoint(bytes.count)

        func convert(_ s: Span, _ what: String) throws -> SpanText {
            guard s.start >= 0, s.end <= bytes.count, s.start <= s.end else {
                throw ExportError("\(what): span \(s) is outside the text (\(bytes.count) UTF-8 bytes); the step that made it has a bug")
            }
            if (s.start < bytes.count && bytes[s.start] & 0xC0 == 0x80) || (s.end < bytes.count && bytes[s.end] & 0xC0 == 0x80) {
                throw ExportError("\(what): span \(s) cuts a character in two; the step that made it has a bug")
            }
            return SpanText(start: index.codePoint(s.start), end: index.codePoint(s.end),
                            text: String(decoding: bytes[s.start..<s.end], as: UTF8.self))
        }

        var names: [String: String] = [:]
        for e in d.entityTable where names[e.id] == nil {
            names[e.id] = e.name
            entities.append(EntityRow(id: e.id, name: e.name, label: e.label.rawValue, aliases: e.aliases, gender: e.gender,
                                      mentionCount: e.mentionCount, attributes: e.attributes, step: e.step))
        }
        mentions.reserveCapacity(d.entities.count)
        for (i, m) in d.entities.enumerated() {
            let s = try convert(m.span, "entities[\(i)]")
            let known = m.entityID.flatMap { names[$0] != nil ? $0 : nil }
            mentions.append(Mention(start: s.start, end: s.end, text: s.text, label: m.label.rawValue, entityID: known,
                                    entityName: known.flatMap { names[$0] }, attributes: m.attributes, step: m.step))
        }
        for (i, q) in d.quotes.enumerated() {
            let whole = try convert(q.span, "quotes[\(i)]")
            let fragments = try q.fragments.enumerated().map { try convert($1, "quotes[\(i)].fragments[\($0)]") }
            quotes.append(QuoteRow(
                start: whole.start, end: whole.end, text: whole.text, kind: q.kind.rawValue, fragments: fragments,
                cue: try q.cue.map { try convert($0, "quotes[\(i)].cue") },
                speaker: try q.speaker.map { try convert($0, "quotes[\(i)].speaker") },
                speakerEntityID: q.speakerEntityID.flatMap { names[$0] != nil ? $0 : nil },
                speakerName: q.speakerName, rule: q.rule, step: q.step))
        }
    }

    /// A compact JSON object of string pairs, keys sorted ("" when empty, for CSV cells).
    static func json(_ map: [String: String]) -> String {
        var w = DocumentJSON.Writer()
        w.stringMap(map)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func json(_ list: [String]) -> String {
        var w = DocumentJSON.Writer()
        w.value(.array(list.map { .string($0) }))
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// All metadata (standard fields, free keys) as one JSON object.
    static func json(_ metadata: Metadata) -> String {
        var object = metadata.extra
        for key in Metadata.standardKeys { if let v = metadata[standard: key] { object[key] = .string(v) } }
        var w = DocumentJSON.Writer()
        w.value(.object(object))
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// `[[start,end],…]` for quote fragments.
    static func json(_ spans: [SpanText]) -> String {
        var w = DocumentJSON.Writer()
        w.value(.array(spans.map { .array([.int($0.start), .int($0.end)]) }))
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
