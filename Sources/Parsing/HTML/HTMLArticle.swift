/// What `HTMLArticleExtractor` finds in a web page: the article body as paragraphs, and its metadata.
///
/// ```swift
/// let article = HTMLArticleExtractor().extract(pageBytes)
/// print(article.title ?? "untitled", article.paragraphs.count)
/// let body = article.text   // paragraphs joined by a blank line
/// ```
public struct HTMLArticle: Hashable, Sendable {
    /// The article body, one entry per block (paragraph, subheading, list item, quote); the headline is not in it.
    public var paragraphs: [String]
    /// The headline.
    public var title: String?
    /// Publication date or date-time, ISO 8601 ("2019-04-29" or "2019-04-29T10:00:00Z").
    public var published: String?
    /// Author names, comma-separated when there are several.
    public var byline: String?
    /// The publisher or site name.
    public var publisher: String?
    /// The canonical URL when the page gives one, else the URL passed to the extractor.
    public var url: String?
    /// BCP 47 language tag from the page ("en", "pt-BR").
    public var language: String?
    /// The page's summary (meta description or og:description).
    public var description: String?
    /// The character encoding the page was decoded with ("UTF-8", "windows-1252").
    public var encoding: String
    /// Problems that did not stop extraction (bytes invalid in the declared charset).
    public var warnings: [String]
    /// Reader comments, one string per comment; filled only when asked for (`extract(_:comments: true)`).
    public var comments: [String] = []

    public init(paragraphs: [String] = [], title: String? = nil, published: String? = nil, byline: String? = nil,
                publisher: String? = nil, url: String? = nil, language: String? = nil, description: String? = nil,
                encoding: String = "UTF-8", warnings: [String] = []) {
        self.paragraphs = paragraphs
        self.title = title
        self.published = published
        self.byline = byline
        self.publisher = publisher
        self.url = url
        self.language = language
        self.description = description
        self.encoding = encoding
        self.warnings = warnings
    }

    /// The body as one string: paragraphs separated by a blank line.
    public var text: String { paragraphs.joined(separator: "\n\n") }
}
