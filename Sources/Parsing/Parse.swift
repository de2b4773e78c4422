import Foundation
import PipelineKit

/// `parse`: turns a document's raw bytes into `text`, metadata and the paragraph, sentence and token layers.
///
/// Formats ("auto" detects them, see `FormatDetector`): plain-text news ("news": headline, date, source,
/// dateline and byline headers read into metadata, text kept verbatim), plain text ("text"), Markdown
/// (readable text without markup), JSON Lines records, and HTML. Encodings: UTF-8, UTF-16 with a byte
/// order mark, Windows-1252 fallback (see `TextDecoder`). Every format ends with `Segmenter`, so later
/// processors always find paragraphs, sentences and tokens. docs/processors/parse.md has the user's view.
///
/// ```yaml
/// steps:
///   - uses: parse
///     with: { text_field: body, language: en }
/// ```
public struct Parse: Processor {
    /// Where this module's shipped data is: HTML/Lexicons/.
    static let moduleResources = ModuleResources(module: "Parsing")

    public struct Options: ProcessorOptions {
        @Option("JSON Lines: the field that holds the document text.")
        public var textField = "text"
        @Option("JSON Lines: the field that holds the document id.")
        public var idField = "id"
        @Option("JSON Lines: the field that holds the title (metadata.title).")
        public var titleField = "title"
        @Option("JSON Lines: fields tried in order for metadata.published (made ISO 8601 when recognizable).")
        public var dateFields = ["published", "date", "published_at", "pub_date", "datePublished"]
        @Option("Language code put in metadata.language when the input gives none (\"\" to leave it unset).")
        public var language = "en"
        @Option("HTML: also extract reader comments into the `comments` layer, one entry per comment (the body never holds them).")
        public var comments = false

        public init() {}
    }

    public static let name = "parse"
    public static let summary = "Reads news text, Markdown, HTML and JSON Lines into documents with metadata, paragraphs, sentences and tokens."
    public static let provides: [LayerName] = [.text, .paragraphs, .sentences, .tokens]
    public static let inputFormats = FormatDetector.formats

    let options: Options
    let records: JSONRecordReader

    public init(options: Options, context: SetupContext) throws {
        if options.textField.isEmpty { throw SetupError("text_field must name a field", option: "text_field") }
        _ = try HTMLBoilerplateLexicon.loaded.get()
        self.options = options
        self.records = JSONRecordReader(textField: options.textField, idField: options.idField,
                                        titleField: options.titleField, dateFields: options.dateFields)
    }

    public func process(_ document: inout Document) async throws {
        guard let raw = document.raw else { return }
        document.raw = nil
        var format = document.source.format
        if format == "auto" || format.isEmpty { format = FormatDetector.detect(path: document.source.path, bytes: raw) }
        var paragraphBreaks: [Int] = []
        switch format {
        case "jsonl":
            try records.read(raw, into: &document)
        case "markdown":
            try readMarkdown(raw, into: &document)
        case "news", "text":
            let decoded = try TextDecoder.decode(raw)
            document.text = decoded.text
            document.warnings += decoded.warnings
            // "text" given explicitly means: no header reading. Detected plain text becomes "news" when it has a header.
            if document.source.format != "text" {
                let header = NewsHeaderReader.read(document.text)
                if !header.isEmpty {
                    header.apply(to: &document)
                    paragraphBreaks = header.lineStarts
                    format = "news"
                } else {
                    format = "text"
                }
            }
        case "html":
            Self.readHTML(raw, into: &document, comments: options.comments)
            if TextDecoder.isBlank(document.text) {
                throw DocumentRejected("no article text found in the HTML page (it holds only markup, scripts or navigation); "
                    + "if its text is wanted, save it as plain text and read it with format: text")
            }
        default:
            let decoded = try TextDecoder.decode(raw)
            document.text = decoded.text
            document.warnings += decoded.warnings
        }
        document.source.format = format
        if document.metadata.language == nil, !options.language.isEmpty { document.metadata.language = options.language }
        Segmenter.segment(&document, paragraphBreaks: paragraphBreaks)
    }

    static func readHTML(_ raw: [UInt8], into document: inout Document, comments: Bool = false) {
        let pageURL = document.source.path.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
        let article = HTMLArticleExtractor().extract(raw, url: pageURL, comments: comments)
        if comments { document.setLayer(article.comments.map(ReaderComment.init(text:)), for: .comments) }
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
        document.metadata.title = article.title
        document.metadata.published = article.published
        document.metadata.byline = article.byline
        document.metadata.source = article.publisher
        document.metadata.url = article.url
        document.metadata.language = article.language
        if let description = article.description { document.metadata.extra["description"] = .string(description) }
        document.warnings.append(contentsOf: article.warnings)
        if article.paragraphs.isEmpty {
            document.warnings.append("no article text found in the HTML page (it may be rendered by JavaScript, or not be an article)")
        }
    }

    func readMarkdown(_ raw: [UInt8], into document: inout Document) throws {
        let decoded = try TextDecoder.decode(raw)
        document.warnings += decoded.warnings
        let markdown = MarkdownReader.read(decoded.text)
        if TextDecoder.isBlank(markdown.text) { throw DocumentRejected("empty document: the Markdown holds no text outside markup and code") }
        document.text = markdown.text
        let front = markdown.frontMatter
        document.metadata.title = front["title"] ?? markdown.title
        if let span = markdown.titleSpan { document.metadata.spans["title"] = span }
        if let body = markdown.bodyStart { document.metadata.spans["body"] = Span(start: body, end: document.text.utf8.count) }
        if let date = front["published"] ?? front["date"] { document.metadata.published = DateNormalizer.iso(date) ?? date }
        if let author = front["author"] ?? front["byline"] { document.metadata.byline = author }
        for key in ["source", "url", "language", "dateline"] { if let v = front[key] { document.metadata[standard: key] = v } }
        if let lang = front["lang"], document.metadata.language == nil { document.metadata.language = lang }
    }
}
