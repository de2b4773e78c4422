import CLibXML2
import Foundation

/// Extracts the article from a web page: the main text as paragraphs, and its metadata.
///
/// libxml2's HTML parser reads the bytes (with recovery, without network access); the body is found by
/// readability-style scoring (`HTMLContentExtractor`), metadata from JSON-LD, OpenGraph and `<meta>`
/// tags, `<time>`, `<title>` and `<html lang>` (`HTMLMetadataReader`). Any byte sequence is accepted:
/// the worst case is an article with no paragraphs.
///
/// ```swift
/// let page = try Data(contentsOf: URL(fileURLWithPath: "story.html"))
/// let article = HTMLArticleExtractor().extract([UInt8](page), url: "https://example.com/story")
/// print(article.title ?? "", article.published ?? "")
/// print(article.text)   // body paragraphs separated by blank lines
/// ```
public struct HTMLArticleExtractor: Sendable {
    public init() {}

    /// Extracts the article.
    /// - Parameters:
    ///   - bytes: the page as fetched.
    ///   - charset: an encoding label or a Content-Type header value from the transport, if known.
    ///     A byte order mark wins over it; it wins over `<meta charset>`.
    ///   - url: where the page came from; used when the page declares no canonical URL.
    ///   - comments: also collect reader comments into `HTMLArticle.comments` (they are never in the body).
    public func extract(_ bytes: [UInt8], charset: String? = nil, url: String? = nil, comments: Bool = false) -> HTMLArticle {
        var detection = HTMLCharset.detect(bytes, hint: charset)
        var warnings: [String] = []
        var body = bytes[detection.bomLength...]
        if detection.encoding == "UTF-8" && !Self.isValidUTF8(body) {
            detection.encoding = "windows-1252"
            warnings.append("the page is not valid UTF-8; decoded it as windows-1252")
        }
        // The common fallbacks are decoded here so that no byte is lost; libxml2 then reads UTF-8.
        var libxmlEncoding = detection.encoding
        switch detection.encoding {
        case "windows-1252":
            body = HTMLTranscoder.windows1252ToUTF8(body)[...]
            libxmlEncoding = "UTF-8"
        case "UTF-16LE", "UTF-16BE":
            body = HTMLTranscoder.utf16ToUTF8(body, bigEndian: detection.encoding == "UTF-16BE")[...]
            libxmlEncoding = "UTF-8"
        default:
            break
        }
        var article = HTMLArticle(encoding: detection.encoding, warnings: warnings)
        guard !body.isEmpty else {
            article.url = url
            return article
        }
        if HTMLRawTextStripper.applies(toEncoding: libxmlEncoding) {
            body = HTMLRawTextStripper.strip(body)[...]
        }
        Self.initializeLibXML
        // Encoding errors bypass HTML_PARSE_NOERROR and would go to stderr; the handler is per thread.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let parsed = body.withUnsafeBytes { HTMLTreeBuilder.build($0, encoding: libxmlEncoding, options: options) }
        guard !parsed.tree.nodes.isEmpty else {
            HTMLMetadataReader(sources: parsed.sources, url: url).fill(&article)
            return article
        }
        HTMLMetadataReader(sources: parsed.sources, url: url).fill(&article)
        // The chosen title (JSON-LD headline first), and the others a page may word differently.
        let titles = [article.title, parsed.sources.title].compactMap { $0 }
            + parsed.sources.metas.filter { $0.key == "og:title" || $0.key == "twitter:title" }.map(\.value)
        article.paragraphs = Self.body(of: parsed.tree, title: article.title, titles: titles)
        if comments { article.comments = HTMLCommentExtractor(tree: parsed.tree).comments() }
        return article
    }

    /// Main text: a strict pass, then looser ones while the result is too short to be an article.
    static func body(of tree: HTMLTree, title: String?, titles: [String] = []) -> [String] {
        let passes: [HTMLContentExtractor.Strictness] = [
            .init(),
            .init(dropWeakBoilerplate: false, useClassWeights: true, cleanConditionally: true),
            .init(dropWeakBoilerplate: false, useClassWeights: false, cleanConditionally: false),
        ]
        var best: [String] = []
        var bestLength = -1
        for strictness in passes {
            var extractor = HTMLContentExtractor(tree: tree, strictness: strictness, titles: titles)
            let paragraphs = tidy(extractor.extract(), title: title)
            let length = HTMLContentExtractor.length(of: paragraphs)
            if length > bestLength {
                best = paragraphs
                bestLength = length
            }
            if length >= 500 { break }
        }
        return best
    }

    /// Drops the headline when it reappears as the first paragraph.
    static func tidy(_ paragraphs: [String], title: String?) -> [String] {
        var result = paragraphs
        if let title, let first = result.first, first == title { result.removeFirst() }
        return result
    }

    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
    }

    /// libxml2 sets up its global tables once, before any thread parses.
    private static let initializeLibXML: Void = { xmlInitParser() }()
}
