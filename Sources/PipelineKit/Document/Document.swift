import Foundation

/// The unit that flows through a pipeline: the raw input, then the text and every layer processors add.
///
/// `text` is the reference for every span: layers hold UTF-8 offsets into it, in offset order.
/// A processor reads the layers earlier steps wrote and writes its own; it never re-tokenizes.
///
/// ```swift
/// func process(_ document: inout Document) async throws {
///     for sentence in document.sentences where document.text(of: sentence).contains("said") {
///         document.metadata.extra["has_speech", default: false] = true
///     }
/// }
/// ```
public struct Document: Sendable {
    /// Stable id: a file's path relative to its input folder without the extension, or a record's id.
    public var id: String
    /// Where the document came from.
    public var source: DocumentSource
    /// The input bytes, until `parse` turns them into `text` (then released).
    public var raw: [UInt8]?

    /// The normalized body text after `parse`; every span is a range into its UTF-8 bytes.
    public var text: String
    public var metadata: Metadata

    public var paragraphs: [Span]
    public var sentences: [Span]
    public var tokens: [Token]
    public var entities: [EntityMention]
    /// One record per real-world entity; `EntityMention.entityID` points here.
    public var entityTable: [Entity]
    public var quotes: [Quote]

    /// Layers added by custom processors, by name: read and written with a `LayerKey`.
    var custom: CustomLayers
    /// Which step produced each layer ("tokens": "parse"). The runner records it from each step's
    /// `provides` and from the custom layers a step set; processors never write it.
    public internal(set) var layerSteps: [String: String]
    /// Custom layers set since the runner last recorded provenance.
    var customWritten: Set<String> = []
    /// Problems that did not stop the document (an encoding fallback), listed in the run report.
    public var warnings: [String]

    public init(id: String, source: DocumentSource = DocumentSource(), raw: [UInt8]? = nil, text: String = "",
                metadata: Metadata = Metadata()) {
        self.id = id
        self.source = source
        self.raw = raw
        self.text = text
        self.metadata = metadata
        self.paragraphs = []
        self.sentences = []
        self.tokens = []
        self.entities = []
        self.entityTable = []
        self.quotes = []
        self.custom = CustomLayers()
        self.layerSteps = [:]
        self.warnings = []
    }

    /// The text of a span.
    public func text(of span: Span) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: span.start)
        let upper = utf8.index(lower, offsetBy: span.length)
        return String(text[lower..<upper])
    }

    /// The tokens lying wholly inside a span (`TokenIndex.tokens(inside:)`).
    public func tokens(in span: Span) -> ArraySlice<Token> {
        tokens[TokenIndex.tokens(inside: span, of: tokens)]
    }

    /// A custom layer as its Swift type, or nil when no step set it.
    ///
    /// Throws `LayerError` when the layer holds something that does not read as `Value` (a JSON layer
    /// from an `exec` child of another shape). A layer that arrived as JSON is decoded on first use.
    public func layer<Value>(_ key: LayerKey<Value>) throws -> Value? {
        try custom.value(named: key.name.rawValue, as: Value.self, text: text)
    }

    /// Sets a custom layer; the runner records the step that set it. Its spans are UTF-8, like every layer's.
    public mutating func setLayer<Value>(_ value: Value, for key: LayerKey<Value>) {
        custom.set(value, named: key.name.rawValue)
        customWritten.insert(key.name.rawValue)
    }

    /// Removes a custom layer.
    public mutating func removeLayer(named name: LayerName) {
        custom.remove(named: name.rawValue)
        layerSteps[name.rawValue] = nil
    }

    /// The names of the custom layers present, sorted.
    public var customLayerNames: [String] { custom.names }

    /// A custom layer in its published JSON form (code point offsets, docs/output-schema.md), for code
    /// at the edge that handles layers it has no Swift type for, such as `exec`.
    public func layerJSON(named name: LayerName) throws -> JSONValue? {
        try custom.json(named: name.rawValue, offsets: SpanOffsets(text: text, documentID: id))
    }

    /// Sets a custom layer from its published JSON form (code point offsets); a Swift step that asks for
    /// it with a `LayerKey` gets it decoded, with its spans converted to UTF-8.
    public mutating func setLayerJSON(_ value: JSONValue, named name: LayerName) {
        custom.setJSON(value, named: name.rawValue)
        customWritten.insert(name.rawValue)
    }

    /// Records `step` as the producer of the layers it provides and of the custom layers it set, and
    /// stamps its id on annotations that carry none. Called by the runner after each step succeeds.
    mutating func recordProvenance(step: String, provides: [LayerName]) {
        for layer in provides {
            let name = layer.rawValue
            // A declared custom layer the step did not produce this time (an option turned it off) has no producer.
            if LayerName.core.contains(layer) || custom.storage[name] != nil { layerSteps[name] = step }
        }
        for name in customWritten { layerSteps[name] = step }
        customWritten.removeAll()
        if provides.contains(.entities) {
            for i in entities.indices where entities[i].step.isEmpty { entities[i].step = step }
            for i in entityTable.indices where entityTable[i].step.isEmpty { entityTable[i].step = step }
        }
        if provides.contains(.quotes) {
            for i in quotes.indices where quotes[i].step.isEmpty { quotes[i].step = step }
        }
    }
}

/// Where a document came from and in which format it was read.
public struct DocumentSource: Hashable, Sendable, Codable {
    /// A file path, "-" for stdin, or a URL.
    public var path: String?
    /// For JSON Lines inputs: the 1-based line in `path`.
    public var line: Int?
    /// "auto", "text", "news", "html", "markdown", "jsonl"; `parse` replaces "auto" with what it detected.
    public var format: String

    public init(path: String? = nil, line: Int? = nil, format: String = "auto") {
        self.path = path
        self.line = line
        self.format = format
    }

    /// "articles/a.txt", "feed.jsonl:12", "stdin".
    public var description: String {
        let base = path ?? "stdin"
        return line.map { "\(base):\($0)" } ?? base
    }
}

/// What is known about a document besides its text.
public struct Metadata: Hashable, Sendable {
    public var title: String?
    /// ISO 8601 date or date-time.
    public var published: String?
    /// The publisher or news agency ("Rudaw", "AP").
    public var source: String?
    public var byline: String?
    /// The dateline place ("ERBIL, Kurdistan Region").
    public var dateline: String?
    public var url: String?
    public var language: String?
    /// Any other key: JSON Lines fields, custom processors' results.
    public var extra: [String: JSONValue]
    /// Where each header field stands in the text, and "body" for where the story begins.
    public var spans: [String: Span]

    public init(title: String? = nil, published: String? = nil, source: String? = nil, byline: String? = nil,
                dateline: String? = nil, url: String? = nil, language: String? = nil,
                extra: [String: JSONValue] = [:], spans: [String: Span] = [:]) {
        self.title = title
        self.published = published
        self.source = source
        self.byline = byline
        self.dateline = dateline
        self.url = url
        self.language = language
        self.extra = extra
        self.spans = spans
    }

    /// The named fields, in export order.
    public static let standardKeys = ["title", "published", "source", "byline", "dateline", "url", "language"]

    public subscript(standard key: String) -> String? {
        get {
            switch key {
            case "title": title
            case "published": published
            case "source": source
            case "byline": byline
            case "dateline": dateline
            case "url": url
            case "language": language
            default: nil
            }
        }
        set {
            switch key {
            case "title": title = newValue
            case "published": published = newValue
            case "source": source = newValue
            case "byline": byline = newValue
            case "dateline": dateline = newValue
            case "url": url = newValue
            case "language": language = newValue
            default: break
            }
        }
    }
}

extension RandomAccessCollection {
    /// The index of the first element for which `predicate` holds, in a collection partitioned by it.
    public func partitioningIndex(where predicate: (Element) -> Bool) -> Index {
        var lo = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(lo, offsetBy: half)
            if predicate(self[mid]) {
                count = half
            } else {
                lo = index(after: mid)
                count -= half + 1
            }
        }
        return lo
    }
}
