import Foundation

/// The published JSON form of a document (docs/output-schema.md): what `export` writes as JSON Lines and
/// what the `exec` protocol sends to and reads back from a child process.
///
/// Offsets are Unicode code points into `text`, end exclusive, as Python's `str` indexes.
///
/// ```swift
/// let line = try DocumentJSON.encode(document)          // one JSON object, no newline
/// let back = try DocumentJSON.decode(line)              // the same document
/// ```
public enum DocumentJSON {
    public static let schemaVersion = "1.0"

    /// Which layers to write. Tokens are large, so `export` can leave them out.
    public struct Layers: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let paragraphs = Layers(rawValue: 1)
        public static let sentences = Layers(rawValue: 2)
        public static let tokens = Layers(rawValue: 4)
        public static let all: Layers = [.paragraphs, .sentences, .tokens]
    }

    public static func encode(_ document: Document, layers: Layers = .all) throws -> Data {
        try JSONValue.compactEncoder.encode(jsonValue(document, layers: layers))
    }

    public static func jsonValue(_ d: Document, layers: Layers = .all) -> JSONValue {
        let index = CodePointIndex(d.text)
        func span(_ s: Span) -> [String: JSONValue] {
            ["start": .int(index.codePoint(s.start)), "end": .int(index.codePoint(s.end))]
        }
        func spanWithText(_ s: Span) -> [String: JSONValue] {
            var o = span(s)
            o["text"] = .string(d.text(of: s))
            return o
        }
        var o: [String: JSONValue] = [
            "schema_version": .string(schemaVersion),
            "id": .string(d.id),
            "text": .string(d.text),
        ]
        var source: [String: JSONValue] = ["format": .string(d.source.format)]
        if let p = d.source.path { source["path"] = .string(p) }
        if let l = d.source.line { source["line"] = .int(l) }
        o["source"] = .object(source)

        var meta = d.metadata.extra
        for key in Metadata.standardKeys { if let v = d.metadata[standard: key] { meta[key] = .string(v) } }
        if !d.metadata.spans.isEmpty {
            meta["spans"] = .object(d.metadata.spans.mapValues { .object(span($0)) })
        }
        o["metadata"] = .object(meta)

        if layers.contains(.paragraphs) { o["paragraphs"] = .array(d.paragraphs.map { .object(span($0)) }) }
        if layers.contains(.sentences) { o["sentences"] = .array(d.sentences.map { .object(span($0)) }) }
        if layers.contains(.tokens) {
            o["tokens"] = .array(d.tokens.map { t in
                var s = span(t.span)
                s["kind"] = .string(t.kind.rawValue)
                return .object(s)
            })
        }
        o["entities"] = .array(d.entities.map { m in
            var e = spanWithText(m.span)
            e["label"] = .string(m.label.rawValue)
            if let id = m.entityID { e["entity_id"] = .string(id) }
            if !m.attributes.isEmpty { e["attributes"] = .object(m.attributes.mapValues { .string($0) }) }
            e["step"] = .string(m.step)
            return .object(e)
        })
        o["entity_table"] = .array(d.entityTable.map { e in
            var r: [String: JSONValue] = [
                "id": .string(e.id), "name": .string(e.name), "label": .string(e.label.rawValue),
                "aliases": .array(e.aliases.map { .string($0) }), "mentions": .int(e.mentionCount),
                "step": .string(e.step),
            ]
            if let g = e.gender { r["gender"] = .string(g) }
            if !e.attributes.isEmpty { r["attributes"] = .object(e.attributes.mapValues { .string($0) }) }
            return .object(r)
        })
        o["quotes"] = .array(d.quotes.map { q in
            var r = spanWithText(q.span)
            r["fragments"] = .array(q.fragments.map { .object(spanWithText($0)) })
            r["kind"] = .string(q.kind.rawValue)
            if let c = q.cue { r["cue"] = .object(spanWithText(c)) }
            if q.speaker != nil || q.speakerEntityID != nil || q.speakerName != nil {
                var s: [String: JSONValue] = [:]
                if let sp = q.speaker { s.merge(spanWithText(sp)) { $1 } }
                if let id = q.speakerEntityID { s["entity_id"] = .string(id) }
                if let n = q.speakerName { s["name"] = .string(n) }
                r["speaker"] = .object(s)
            } else {
                r["speaker"] = .null
            }
            r["rule"] = .string(q.rule)
            r["step"] = .string(q.step)
            return .object(r)
        })
        if !d.extensions.isEmpty { o["layers"] = .object(d.extensions) }
        if !d.layerSteps.isEmpty { o["steps"] = .object(d.layerSteps.mapValues { .string($0) }) }
        if !d.warnings.isEmpty { o["warnings"] = .array(d.warnings.map { .string($0) }) }
        return .object(o)
    }

    /// Reads a document in the published form (as an exec child returns it).
    public static func decode(_ data: Data) throws -> Document {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw DocumentJSONError("not valid JSON: \(String(describing: error).prefix(200))")
        }
        return try decode(value)
    }

    public static func decode(_ value: JSONValue) throws -> Document {
        guard let o = value.objectValue else { throw DocumentJSONError("a document must be a JSON object") }
        guard let id = o["id"]?.stringValue else { throw DocumentJSONError("missing string field \"id\"") }
        let text = o["text"]?.stringValue ?? ""
        let index = CodePointIndex(text)
        let textCount = text.unicodeScalars.count

        func span(_ v: JSONValue?, _ what: String) throws -> Span {
            guard let v, let s = v["start"]?.intValue, let e = v["end"]?.intValue else {
                throw DocumentJSONError("\(what): needs integer \"start\" and \"end\"")
            }
            guard 0 <= s, s <= e, e <= textCount else {
                throw DocumentJSONError("\(what): span \(s)..<\(e) is outside the text (\(textCount) code points)")
            }
            return Span(start: index.utf8(s), end: index.utf8(e))
        }
        func strings(_ v: JSONValue?) -> [String: String] {
            (v?.objectValue ?? [:]).compactMapValues { $0.stringValue ?? $0.displayString }
        }

        var d = Document(id: id, text: text)
        if let s = o["source"]?.objectValue {
            d.source = DocumentSource(path: s["path"]?.stringValue, line: s["line"]?.intValue,
                                      format: s["format"]?.stringValue ?? "auto")
        }
        if let m = o["metadata"]?.objectValue {
            for (key, v) in m {
                if key == "spans", let spans = v.objectValue {
                    for (k, sv) in spans { d.metadata.spans[k] = try span(sv, "metadata.spans.\(k)") }
                } else if Metadata.standardKeys.contains(key), let s = v.stringValue {
                    d.metadata[standard: key] = s
                } else {
                    d.metadata.extra[key] = v
                }
            }
        }
        d.paragraphs = try (o["paragraphs"]?.arrayValue ?? []).enumerated().map { try span($1, "paragraphs[\($0)]") }
        d.sentences = try (o["sentences"]?.arrayValue ?? []).enumerated().map { try span($1, "sentences[\($0)]") }
        d.tokens = try (o["tokens"]?.arrayValue ?? []).enumerated().map { i, t in
            Token(span: try span(t, "tokens[\(i)]"), kind: Token.Kind(rawValue: t["kind"]?.stringValue ?? "") ?? .other)
        }
        d.entities = try (o["entities"]?.arrayValue ?? []).enumerated().map { i, e in
            EntityMention(span: try span(e, "entities[\(i)]"), label: EntityLabel(e["label"]?.stringValue ?? "MISC"),
                          entityID: e["entity_id"]?.stringValue, attributes: strings(e["attributes"]),
                          step: e["step"]?.stringValue ?? "")
        }
        d.entityTable = (o["entity_table"]?.arrayValue ?? []).compactMap { e in
            guard let id = e["id"]?.stringValue else { return nil }
            return Entity(id: id, name: e["name"]?.stringValue ?? "", label: EntityLabel(e["label"]?.stringValue ?? "MISC"),
                          aliases: (e["aliases"]?.arrayValue ?? []).compactMap(\.stringValue),
                          gender: e["gender"]?.stringValue, mentionCount: e["mentions"]?.intValue ?? 0,
                          attributes: strings(e["attributes"]), step: e["step"]?.stringValue ?? "")
        }
        d.quotes = try (o["quotes"]?.arrayValue ?? []).enumerated().map { i, q in
            let whole = try span(q, "quotes[\(i)]")
            let fragments = try (q["fragments"]?.arrayValue ?? []).map { try span($0, "quotes[\(i)].fragments") }
            let speaker = q["speaker"]
            let speakerSpan = speaker?["start"] != nil ? try span(speaker, "quotes[\(i)].speaker") : nil
            return Quote(span: whole, fragments: fragments.isEmpty ? [whole] : fragments,
                         kind: Quote.Kind(rawValue: q["kind"]?.stringValue ?? "") ?? .direct,
                         cue: q["cue"].flatMap { $0 == .null ? nil : $0 }.map { try? span($0, "cue") } ?? nil,
                         speaker: speakerSpan, speakerEntityID: speaker?["entity_id"]?.stringValue,
                         speakerName: speaker?["name"]?.stringValue, rule: q["rule"]?.stringValue ?? "",
                         step: q["step"]?.stringValue ?? "")
        }
        d.extensions = o["layers"]?.objectValue ?? [:]
        d.layerSteps = (o["steps"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        d.warnings = (o["warnings"]?.arrayValue ?? []).compactMap(\.stringValue)
        return d
    }
}

public struct DocumentJSONError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
