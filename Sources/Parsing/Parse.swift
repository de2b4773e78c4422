import Foundation
import PipelineKit

/// `parse`: turns a document's raw bytes into `text` and metadata.
///
/// This first version reads UTF-8 plain text (kept verbatim) and JSON Lines records; the full processor
/// (news headers, HTML, Markdown, encodings, segmentation) grows from here.
public struct Parse: Processor {
    public struct Options: ProcessorOptions {
        public var textField: String
        public var idField: String

        public init(textField: String = "text", idField: String = "id") {
            self.textField = textField
            self.idField = idField
        }

        enum CodingKeys: String, CodingKey {
            case textField = "text_field"
            case idField = "id_field"
        }

        public static let spec: [OptionSpec] = [
            OptionSpec("text_field", .string, default: "text", "JSON Lines: the field that holds the document text."),
            OptionSpec("id_field", .string, default: "id", "JSON Lines: the field that holds the document id."),
        ]
    }

    public static let name = "parse"
    public static let summary = "Reads raw text and JSON Lines records into documents with text and metadata."
    public static let provides: [LayerName] = [.text, .paragraphs, .sentences, .tokens]

    let options: Options
    let stepID: String

    public init(options: Options, context: SetupContext) throws {
        self.options = options
        self.stepID = context.stepID
    }

    public func process(_ document: inout Document) async throws {
        guard let raw = document.raw else { return }
        document.raw = nil
        let format = document.source.format == "auto" ? Self.detectFormat(path: document.source.path, bytes: raw) : document.source.format
        document.source.format = format
        switch format {
        case "jsonl":
            try parseRecord(raw, into: &document)
        case "html":
            Self.parseHTML(raw, into: &document, stepID: stepID)
        default:
            document.text = try Self.decodeText(raw)
        }
        document.layerSteps[LayerName.text.rawValue] = stepID
        Segmenter.segment(&document, step: stepID)
    }

    static func detectFormat(path: String?, bytes: [UInt8]) -> String {
        let ext = path.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
        switch ext {
        case "jsonl", "ndjson": return "jsonl"
        case "html", "htm", "xhtml": return "html"
        default:
            if looksLikeHTML(bytes) { return "html" }
            let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return first == UInt8(ascii: "{") && path == nil ? "jsonl" : "text"
        }
    }

    /// Whether the content starts (after a BOM and whitespace) with `<!doctype html` or `<html`.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 14)], as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }

    /// HTML pages: the article body becomes `text` (paragraphs separated by a blank line), with a span per paragraph.
    static func parseHTML(_ raw: [UInt8], into document: inout Document, stepID: String) {
        let pageURL = document.source.path.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
        let article = HTMLArticleExtractor().extract(raw, url: pageURL)
        var text = ""
        var spans: [Span] = []
        for paragraph in article.paragraphs {
            if !text.isEmpty { text += "\n\n" }
            let start = text.utf8.count
            text += paragraph
            spans.append(Span(start: start, end: text.utf8.count))
        }
        document.text = text
        document.paragraphs = spans
        document.layerSteps[LayerName.paragraphs.rawValue] = stepID
        document.metadata.title = article.title
        document.metadata.published = article.published
        document.metadata.byline = article.byline
        document.metadata.source = article.publisher
        document.metadata.url = article.url
        document.metadata.language = article.language
        if let description = article.description { document.metadata.extra["description"] = .string(description) }
        document.warnings.append(contentsOf: article.warnings)
    }

    static func decodeText(_ raw: [UInt8]) throws -> String {
        if raw.contains(0) { throw DocumentRejected("binary file: it contains NUL bytes; give a text, HTML, Markdown or JSON Lines file") }
        var bytes = raw[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DocumentRejected("not valid UTF-8; convert the file to UTF-8")
        }
        return text
    }

    func parseRecord(_ raw: [UInt8], into document: inout Document) throws {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(raw))
        } catch {
            throw DocumentRejected("not a JSON object: \(String(describing: error).prefix(160)); each line must be one JSON object")
        }
        guard case .object(var record) = value else {
            throw DocumentRejected("a JSON Lines record must be a JSON object, not \(value.displayString.prefix(40))")
        }
        guard let text = record.removeValue(forKey: options.textField)?.stringValue else {
            throw DocumentRejected("no string field \"\(options.textField)\"; set parse's text_field to the field holding the text")
        }
        document.text = text
        if let id = record.removeValue(forKey: options.idField) {
            document.id = id.stringValue ?? id.displayString
        }
        for (key, value) in record {
            if Metadata.standardKeys.contains(key), let s = value.stringValue {
                document.metadata[standard: key] = s
            } else {
                document.metadata.extra[key] = value
            }
        }
    }
}
