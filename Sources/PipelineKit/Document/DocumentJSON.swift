import Foundation

/// The published JSON form of a document (docs/output-schema.md, docs/output.schema.json): what `export`
/// writes and what the `exec` protocol sends to and reads back from a child process.
///
/// Offsets are Unicode code points into `text`, end exclusive, as Python's `str` indexes.
/// Encoding is a hand-written byte writer (no `JSONEncoder`), because export runs on every document.
///
/// ```swift
/// let line = try DocumentJSON.encode(document)          // one JSON object, no newline
/// let back = try DocumentJSON.decode(line)              // the same document
/// ```
public enum DocumentJSON {
    /// Written as `schema_version` in every document; bump the minor number for added fields,
    /// the major number for renamed or removed ones.
    public static let schemaVersion = "1.0"

    /// Which segmentation layers to write. `id`, `text`, `source` and `metadata` are always written.
    public struct Layers: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let paragraphs = Layers(rawValue: 1)
        public static let sentences = Layers(rawValue: 2)
        /// Large (one object per word); `export` leaves it out unless asked.
        public static let tokens = Layers(rawValue: 4)
        public static let all: Layers = [.paragraphs, .sentences, .tokens]
    }

    /// Which annotation layers to write. They are written unless left out on purpose (export's `layers:`
    /// option), so a caller that only chooses `Layers`, such as the exec protocol, always sends them.
    public struct Annotations: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `entities` and `entity_table`.
        public static let entities = Annotations(rawValue: 1)
        public static let quotes = Annotations(rawValue: 2)
        /// Custom processors' layers (`layers` in the JSON).
        public static let custom = Annotations(rawValue: 4)
        public static let all: Annotations = [.entities, .quotes, .custom]
    }

    /// One document as one compact JSON object (UTF-8, no trailing newline).
    /// Throws `DocumentJSONError` when a span lies outside the text or cuts a character in two.
    public static func encode(_ document: Document, layers: Layers = .all, annotations: Annotations = .all) throws -> Data {
        var writer = Writer()
        try encode(document, layers: layers, annotations: annotations, into: &writer)
        return Data(writer.bytes)
    }

    /// Appends one document to a writer, so a sink can reuse one buffer for many documents.
    public static func encode(_ d: Document, layers: Layers = .all, annotations: Annotations = .all,
                              into w: inout Writer) throws {
        let spans = SpanWriter(offsets: SpanOffsets(text: d.text, documentID: d.id))

        w.raw("{\"schema_version\":"); w.string(schemaVersion)
        w.raw(",\"id\":"); w.string(d.id)

        w.raw(",\"source\":{\"format\":"); w.string(d.source.format)
        if let p = d.source.path { w.raw(",\"path\":"); w.string(p) }
        if let l = d.source.line { w.raw(",\"line\":"); w.int(l) }
        w.byte(UInt8(ascii: "}"))

        w.raw(",\"metadata\":{")
        var first = true
        func key(_ k: String) {
            if !first { w.byte(UInt8(ascii: ",")) }
            first = false
            w.string(k)
            w.byte(UInt8(ascii: ":"))
        }
        for k in Metadata.standardKeys {
            if let v = d.metadata[standard: k] { key(k); w.string(v) }
        }
        for (k, v) in d.metadata.extra.sorted(by: { $0.key < $1.key }) {
            if d.metadata[standard: k] != nil || (k == "spans" && !d.metadata.spans.isEmpty) { continue }
            key(k); w.value(v)
        }
        if !d.metadata.spans.isEmpty {
            key("spans")
            w.byte(UInt8(ascii: "{"))
            for (i, (k, s)) in d.metadata.spans.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.string(k); w.byte(UInt8(ascii: ":"))
                try spans.object(s, &w, "metadata.spans.\(k)", withText: false)
            }
            w.byte(UInt8(ascii: "}"))
        }
        w.byte(UInt8(ascii: "}"))

        w.raw(",\"text\":"); w.string(d.text)

        if layers.contains(.paragraphs) {
            w.raw(",\"paragraphs\":[")
            for (i, s) in d.paragraphs.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                try spans.object(s, &w, "paragraphs[\(i)]", withText: false)
            }
            w.byte(UInt8(ascii: "]"))
        }
        if layers.contains(.sentences) {
            w.raw(",\"sentences\":[")
            for (i, s) in d.sentences.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                try spans.object(s, &w, "sentences[\(i)]", withText: false)
            }
            w.byte(UInt8(ascii: "]"))
        }
        if layers.contains(.tokens) {
            w.raw(",\"tokens\":[")
            for (i, t) in d.tokens.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                try spans.fields(t.span, &w, "tokens[\(i)]", withText: false)
                w.raw(",\"kind\":\""); w.rawString(t.kind.rawValue); w.raw("\"}")
            }
            w.byte(UInt8(ascii: "]"))
        }
        if annotations.contains(.entities) {
            w.raw(",\"entities\":[")
            for (i, m) in d.entities.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                try spans.fields(m.span, &w, "entities[\(i)]", withText: true)
                w.raw(",\"label\":"); w.string(m.label.rawValue)
                if let id = m.entityID { w.raw(",\"entity_id\":"); w.string(id) }
                if !m.attributes.isEmpty { w.raw(",\"attributes\":"); w.stringMap(m.attributes) }
                w.raw(",\"step\":"); w.string(m.step)
                w.byte(UInt8(ascii: "}"))
            }
            w.raw("],\"entity_table\":[")
            for (i, e) in d.entityTable.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw("{\"id\":"); w.string(e.id)
                w.raw(",\"name\":"); w.string(e.name)
                w.raw(",\"label\":"); w.string(e.label.rawValue)
                w.raw(",\"aliases\":[")
                for (j, a) in e.aliases.enumerated() {
                    if j > 0 { w.byte(UInt8(ascii: ",")) }
                    w.string(a)
                }
                w.raw("],\"mentions\":"); w.int(e.mentionCount)
                if let g = e.gender { w.raw(",\"gender\":"); w.string(g) }
                if !e.attributes.isEmpty { w.raw(",\"attributes\":"); w.stringMap(e.attributes) }
                w.raw(",\"step\":"); w.string(e.step)
                w.byte(UInt8(ascii: "}"))
            }
            w.byte(UInt8(ascii: "]"))
        }
        if annotations.contains(.quotes) {
            w.raw(",\"quotes\":[")
            for (i, q) in d.quotes.enumerated() {
                let at = "quotes[\(i)]"
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                try spans.fields(q.span, &w, at, withText: true)
                w.raw(",\"fragments\":[")
                for (j, f) in q.fragments.enumerated() {
                    if j > 0 { w.byte(UInt8(ascii: ",")) }
                    try spans.object(f, &w, "\(at).fragments[\(j)]", withText: true)
                }
                w.raw("],\"kind\":\""); w.rawString(q.kind.rawValue)
                w.raw("\",\"cue\":")
                if let c = q.cue { try spans.object(c, &w, "\(at).cue", withText: true) } else { w.raw("null") }
                w.raw(",\"speaker\":")
                if q.speaker != nil || q.speakerEntityID != nil || q.speakerName != nil {
                    if let s = q.speaker {
                        try spans.fields(s, &w, "\(at).speaker", withText: true)
                    } else {
                        w.raw("{\"text\":null")
                    }
                    w.raw(",\"entity_id\":"); w.optionalString(q.speakerEntityID)
                    w.raw(",\"name\":"); w.optionalString(q.speakerName)
                    w.byte(UInt8(ascii: "}"))
                } else {
                    w.raw("null")
                }
                w.raw(",\"rule\":"); w.string(q.rule)
                w.raw(",\"step\":"); w.string(q.step)
                w.byte(UInt8(ascii: "}"))
            }
            w.byte(UInt8(ascii: "]"))
        }
        if annotations.contains(.custom), !d.custom.isEmpty {
            // Typed layers are encoded here, once, with their spans converted by `Span`'s Codable form.
            w.raw(",\"layers\":{")
            for (i, name) in d.custom.names.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.string(name); w.byte(UInt8(ascii: ":"))
                w.bytes.append(contentsOf: try d.custom.encoded(named: name, offsets: spans.offsets) ?? [])
            }
            w.byte(UInt8(ascii: "}"))
        }
        if !d.layerSteps.isEmpty { w.raw(",\"steps\":"); w.stringMap(d.layerSteps) }
        if !d.warnings.isEmpty {
            w.raw(",\"warnings\":[")
            for (i, s) in d.warnings.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.string(s)
            }
            w.byte(UInt8(ascii: "]"))
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// The published form as a `JSONValue` tree (for callers that want to inspect or edit it).
    public static func jsonValue(_ d: Document, layers: Layers = .all, annotations: Annotations = .all) throws -> JSONValue {
        try JSONReader.parse([UInt8](encode(d, layers: layers, annotations: annotations)))
    }

    /// Writes spans as code point offsets, checking each against the text first (`SpanOffsets`).
    struct SpanWriter {
        let offsets: SpanOffsets

        /// `{"start":…,"end":…[,"text":…]` without the closing brace.
        func fields(_ s: Span, _ w: inout Writer, _ what: String, withText: Bool) throws {
            try offsets.check(s, what)
            w.raw("{\"start\":"); w.int(offsets.index.codePoint(s.start))
            w.raw(",\"end\":"); w.int(offsets.index.codePoint(s.end))
            if withText {
                w.raw(",\"text\":")
                offsets.bytes.withUnsafeBufferPointer { w.string(UnsafeBufferPointer(rebasing: $0[s.start..<s.end])) }
            }
        }

        func object(_ s: Span, _ w: inout Writer, _ what: String, withText: Bool) throws {
            try fields(s, &w, what, withText: withText)
            w.byte(UInt8(ascii: "}"))
        }
    }

    /// A minimal JSON byte writer: strings are escaped per RFC 8259, object keys of `JSONValue`s sorted.
    ///
    /// ```swift
    /// var w = DocumentJSON.Writer()
    /// w.raw("{\"n\":"); w.int(3); w.raw("}")     // {"n":3}
    /// ```
    public struct Writer: Sendable {
        public var bytes: [UInt8] = []
        public init() { bytes.reserveCapacity(1 << 14) }

        /// Appends ASCII or UTF-8 that is already valid JSON (keys, punctuation).
        @inlinable public mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        /// Appends a `String` that is already valid JSON.
        public mutating func rawString(_ s: String) { bytes.append(contentsOf: s.utf8) }
        @inlinable public mutating func byte(_ b: UInt8) { bytes.append(b) }

        public mutating func int(_ i: Int) {
            if i < 0 {
                guard i != .min else { rawString(String(i)); return }
                bytes.append(UInt8(ascii: "-"))
                int(-i)
                return
            }
            if i < 10 { bytes.append(0x30 + UInt8(i)); return }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = i
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buf in
                while n > 0 {
                    buf[19 - count] = 0x30 + UInt8(n % 10)
                    n /= 10
                    count += 1
                }
                bytes.append(contentsOf: buf[(20 - count)...])
            }
        }

        public mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { string($0) }
        }

        public mutating func optionalString(_ s: String?) {
            if let s { string(s) } else { raw("null") }
        }

        /// A quoted, escaped string from UTF-8 bytes; runs without special bytes are copied at once.
        public mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
            bytes.append(UInt8(ascii: "\""))
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C { i += 1; continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                i += 1
                runStart = i
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
            bytes.append(UInt8(ascii: "\""))
        }

        public mutating func stringMap(_ map: [String: String]) {
            bytes.append(UInt8(ascii: "{"))
            for (i, (k, v)) in map.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                string(k); bytes.append(UInt8(ascii: ":")); string(v)
            }
            bytes.append(UInt8(ascii: "}"))
        }

        /// Any JSON value; non-finite numbers (which JSON cannot hold) become null.
        public mutating func value(_ v: JSONValue) {
            switch v {
            case .null: raw("null")
            case .bool(let b): raw(b ? "true" : "false")
            case .int(let i): int(i)
            case .double(let d): if d.isFinite { rawString("\(d)") } else { raw("null") }
            case .string(let s): string(s)
            case .array(let a):
                bytes.append(UInt8(ascii: "["))
                for (i, e) in a.enumerated() {
                    if i > 0 { bytes.append(UInt8(ascii: ",")) }
                    value(e)
                }
                bytes.append(UInt8(ascii: "]"))
            case .object(let o):
                bytes.append(UInt8(ascii: "{"))
                for (i, (k, e)) in o.sorted(by: { $0.key < $1.key }).enumerated() {
                    if i > 0 { bytes.append(UInt8(ascii: ",")) }
                    string(k); bytes.append(UInt8(ascii: ":")); value(e)
                }
                bytes.append(UInt8(ascii: "}"))
            }
        }
    }

    /// Reads a document in the published form (as an exec child returns it).
    public static func decode(_ data: Data) throws -> Document {
        let value: JSONValue
        do {
            value = try JSONReader.parse([UInt8](data))
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
        func present(_ v: JSONValue?) -> JSONValue? {
            if let v, v != .null { return v }
            return nil
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
            let fragments = try (q["fragments"]?.arrayValue ?? []).enumerated().map { j, f in
                try span(f, "quotes[\(i)].fragments[\(j)]")
            }
            let speaker = present(q["speaker"])
            let speakerSpan = present(speaker?["start"]) != nil ? try span(speaker, "quotes[\(i)].speaker") : nil
            let cue = try present(q["cue"]).map { try span($0, "quotes[\(i)].cue") }
            return Quote(span: whole, fragments: fragments.isEmpty ? [whole] : fragments,
                         kind: Quote.Kind(rawValue: q["kind"]?.stringValue ?? "") ?? .direct,
                         cue: cue, speaker: speakerSpan, speakerEntityID: speaker?["entity_id"]?.stringValue,
                         speakerName: speaker?["name"]?.stringValue, rule: q["rule"]?.stringValue ?? "",
                         step: q["step"]?.stringValue ?? "")
        }
        // Custom layers stay in their published form until a Swift step asks for one by its `LayerKey`.
        for (name, layer) in o["layers"]?.objectValue ?? [:] { d.custom.setJSON(layer, named: name) }
        d.layerSteps = (o["steps"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        d.warnings = (o["warnings"]?.arrayValue ?? []).compactMap(\.stringValue)
        return d
    }
}

public struct DocumentJSONError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
