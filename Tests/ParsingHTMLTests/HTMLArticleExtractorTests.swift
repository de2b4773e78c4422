import Foundation
import Testing
@testable import Parsing
@testable import PipelineKit
import TestSupport

/// A news page with every kind of boilerplate around a five-paragraph story.
let storyPage = """
<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Harbor budget passes | The Coastal Ledger</title>
  <meta property="og:title" content="Harbor budget passes after long night">
  <meta property="og:site_name" content="The Coastal Ledger">
  <meta property="article:published_time" content="2024-03-05T21:14:00Z">
  <meta name="description" content="The harbor authority approved its budget.">
  <link rel="canonical" href="https://ledger.example/news/harbor-budget">
</head>
<body>
  <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
  <header class="site-header"><a href="/">The Coastal Ledger</a> <a href="/news">News</a></header>
  <nav><ul><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  <main>
    <article>
      <h1>Harbor budget passes after long night</h1>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
      <div class="article-body">
        <p>The harbor authority approved its budget shortly after midnight, ending a session that lasted nine hours.</p>
        <p>Commissioners voted five to two for the plan, which raises dock fees, funds dredging, and hires four inspectors.</p>
        <div class="ad-slot"><span>Advertisement</span></div>
        <h2>Fees and dredging</h2>
        <p>Shipping companies had argued that higher fees would push traffic to rival ports, a claim the authority disputed.</p>
        <figure><img src="dock.jpg"><figcaption>The north dock at dawn. Photo: Staff</figcaption></figure>
        <p>"We cannot keep the channel open on hope," the chair said, adding that silt had narrowed it by a third.</p>
        <p>The budget takes effect on April 1, and the first dredging contract is expected to be awarded in May.</p>
      </div>
      <section class="comments"><h3>Comments</h3><p>Great article, thanks for covering the harbor, really appreciated it!</p></section>
      <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Port strike ends after a week of talks</a></li><li><a href="/b">New ferry route announced for summer</a></li></ul></div>
    </article>
  </main>
  <aside><p>Most read: a long list of other stories that are not this one, with many words in it.</p></aside>
  <footer><p>© 2024 The Coastal Ledger. All rights reserved. Contact us, privacy policy, terms of use.</p></footer>
</body>
</html>
"""

let storyParagraphs = [
    "The harbor authority approved its budget shortly after midnight, ending a session that lasted nine hours.",
    "Commissioners voted five to two for the plan, which raises dock fees, funds dredging, and hires four inspectors.",
    "Fees and dredging",
    "Shipping companies had argued that higher fees would push traffic to rival ports, a claim the authority disputed.",
    "\"We cannot keep the channel open on hope,\" the chair said, adding that silt had narrowed it by a third.",
    "The budget takes effect on April 1, and the first dredging contract is expected to be awarded in May.",
]

func extract(_ html: String, charset: String? = nil) -> HTMLArticle {
    HTMLArticleExtractor().extract(Array(html.utf8), charset: charset)
}

/// A minimal article page with the given head markup, so metadata tests need little HTML.
func page(head: String, body: String = "<article><p>Body text of the story, long enough to count as a paragraph.</p></article>") -> String {
    "<!doctype html><html><head>\(head)</head><body>\(body)</body></html>"
}

@Suite struct BoilerplateRemoval {
    @Test func keepsOnlyTheStoryParagraphsWithoutHeadlineNavigationAdsCaptionsCommentsOrFooter() {
        let article = extract(storyPage)
        #expect(article.paragraphs == storyParagraphs)
        #expect(article.text == storyParagraphs.joined(separator: "\n\n"))
    }

    @Test func readsMetadataFromOpenGraphMetaAndLinkTags() {
        let article = extract(storyPage)
        #expect(article.title == "Harbor budget passes after long night")
        #expect(article.published == "2024-03-05T21:14:00Z")
        #expect(article.publisher == "The Coastal Ledger")
        #expect(article.url == "https://ledger.example/news/harbor-budget")
        #expect(article.language == "en-GB")
        #expect(article.description == "The harbor authority approved its budget.")
    }

    @Test func fallsBackToTitleElementWithoutTheSiteSuffixAndToTimeElement() {
        let html = page(head: "<title>Dock fees rise again - The Ledger</title><meta property=\"og:site_name\" content=\"The Ledger\">",
                        body: "<article><time datetime=\"2023-11-02\">2 Nov</time><p>Dock fees rose again this year, the third rise in a row for the port.</p></article>")
        let article = extract(html)
        #expect(article.title == "Dock fees rise again")
        #expect(article.published == "2023-11-02")
    }
}

@Suite struct NameRules {
    func isBoilerplate(_ className: String, id: String = "") -> Bool {
        HTMLNameRules.classify(className: className, id: id).contains(.boilerplate)
    }

    @Test func shareCommentRelatedCookieAndAdNamesAreBoilerplateEvenBesideContentWords() {
        #expect(isBoilerplate("article-share"))
        #expect(isBoilerplate("story__comments"))
        #expect(isBoilerplate("related-content"))
        #expect(isBoilerplate("", id: "cookie-consent"))
        #expect(isBoilerplate("ad slot"))
        #expect(isBoilerplate("Newsletter-Signup"))
    }

    @Test func weakNamesAreVetoedByContentNamesAndCommentaryIsNotAComment() {
        #expect(isBoilerplate("sidebar"))
        #expect(!isBoilerplate("sidebar main-content"))
        #expect(!isBoilerplate("commentary-body"))
        #expect(!isBoilerplate("article-body"))
        #expect(!isBoilerplate("headline loaded"), "\"ad\" only counts as a whole token")
    }

    @Test func classWeightFollowsReadability() {
        #expect(HTMLNameRules.classify(className: "entry-content", id: "main").weight == 50)
        #expect(HTMLNameRules.classify(className: "widget", id: "").weight == -25)
        #expect(HTMLNameRules.classify(className: "hid", id: "").weight == -25)
    }
}

@Suite struct JSONLDMetadata {
    func article(ld: String) -> HTMLArticle {
        extract(page(head: "<script type=\"application/ld+json\">\(ld)</script>"))
    }

    @Test func authorAsAString() {
        let a = article(ld: #"{"@type":"NewsArticle","headline":"H","author":"Jane Doe"}"#)
        #expect(a.byline == "Jane Doe")
        #expect(a.title == "H")
    }

    @Test func authorAsAPersonObject() {
        #expect(article(ld: #"{"@type":"Article","author":{"@type":"Person","name":"Jane Doe"}}"#).byline == "Jane Doe")
    }

    @Test func authorsAsAnArrayOfObjectsAndOfStrings() {
        #expect(article(ld: #"{"@type":"NewsArticle","author":[{"@type":"Person","name":"A One"},{"name":"B Two"}]}"#).byline == "A One, B Two")
        #expect(article(ld: #"{"@type":"NewsArticle","author":["A One","B Two"]}"#).byline == "A One, B Two")
    }

    @Test func articleInsideGraphWithAuthorReferencedByID() {
        let ld = #"""
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebPage","@id":"https://x.example/#page","name":"Page"},
          {"@type":["ReportageNewsArticle"],"headline":"Graph headline","datePublished":"2021-06-01T08:00:00+02:00",
           "author":{"@id":"https://x.example/#jane"},"publisher":{"@type":"Organization","name":"X News"}},
          {"@type":"Person","@id":"https://x.example/#jane","name":"Jane Graph"}]}
        """#
        let a = article(ld: ld)
        #expect(a.title == "Graph headline")
        #expect(a.published == "2021-06-01T08:00:00+02:00")
        #expect(a.byline == "Jane Graph")
        #expect(a.publisher == "X News")
    }

    @Test func articleInsideATopLevelArray() {
        let a = article(ld: #"[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","headline":"In array","author":{"name":"Ann"}}]"#)
        #expect(a.title == "In array")
        #expect(a.byline == "Ann")
    }

    @Test func invalidJSONLDIsIgnoredAndOtherSourcesStillCount() {
        let html = page(head: """
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Broken",,}</script>
            <meta property="og:title" content="From OpenGraph"><meta name="author" content="Meta Author">
            """)
        let a = extract(html)
        #expect(a.title == "From OpenGraph")
        #expect(a.byline == "Meta Author")
        #expect(!a.paragraphs.isEmpty)
    }
}

@Suite struct Charsets {
    let story = "Café owners in Zürich said the “crisis” cost €5,000 a month, and that prices had risen sharply."

    @Test func windows1252DeclaredInMetaCharset() {
        let html = "<html><head><meta charset=\"windows-1252\"></head><body><p>\(story)</p></body></html>"
        let bytes = Array(html.data(using: .windowsCP1252)!)
        let article = HTMLArticleExtractor().extract(bytes)
        #expect(article.paragraphs == [story])
        #expect(article.encoding == "windows-1252")
    }

    @Test func latin1InHTTPEquivMeansWindows1252() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>\(story)</p></body></html>"
        let article = HTMLArticleExtractor().extract(Array(html.data(using: .windowsCP1252)!))
        #expect(article.paragraphs == [story])
    }

    @Test func utf16WithByteOrderMark() {
        let html = "<html><body><p>\(story)</p></body></html>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in html.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(HTMLArticleExtractor().extract(bytes).paragraphs == [story])
    }

    @Test func utf8ByteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<html><body><p>\(story)</p></body></html>".utf8)
        #expect(HTMLArticleExtractor().extract(bytes).paragraphs == [story])
    }

    @Test func charsetHintWinsOverMeta() {
        let html = "<html><head><meta charset=\"utf-8\"></head><body><p>\(story)</p></body></html>"
        let bytes = Array(html.data(using: .windowsCP1252)!)
        let article = HTMLArticleExtractor().extract(bytes, charset: "text/html; charset=windows-1252")
        #expect(article.paragraphs == [story])
        #expect(article.warnings.isEmpty)
    }

    @Test func undeclaredInvalidUTF8FallsBackToWindows1252WithAWarning() {
        let html = "<html><body><p>\(story)</p></body></html>"
        let article = HTMLArticleExtractor().extract(Array(html.data(using: .windowsCP1252)!))
        #expect(article.paragraphs == [story])
        #expect(article.warnings.count == 1)
    }
}

@Suite struct Robustness {
    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 42)
        let fragments = ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<a href='", "&amp;",
                         "&#x", "<meta charset=", "\u{0}", "<![CDATA[", "<table><tr><td>", "\"", "<", ">", "text, more text. "]
        for round in 0..<300 {
            var bytes: [UInt8] = []
            let length = Int(generator.next() % 3000)
            if round % 2 == 0 {
                for _ in 0..<length { bytes.append(UInt8(truncatingIfNeeded: generator.next())) }
            } else {
                while bytes.count < length { bytes += Array(fragments[Int(generator.next() % UInt64(fragments.count))].utf8) }
            }
            let article = HTMLArticleExtractor().extract(bytes)
            #expect(article.paragraphs.allSatisfy { !$0.isEmpty })
        }
        #expect(HTMLArticleExtractor().extract([]).paragraphs.isEmpty)
    }

    @Test func hundredThousandNestedDivsFinishWithoutCrashing() {
        let depth = 100_000
        let deep = "Deep inside, the paragraph is still a paragraph, with text, commas, and a full stop."
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>\(deep)</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let started = Date()
        let article = HTMLArticleExtractor().extract(Array(html.utf8))
        // Not a timing test: a recursive walk would crash long before; this only guards against quadratic blow-ups.
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(article.paragraphs == [deep])
    }

    @Test func deepEmptyNestingInsideTheArticleIsCleanedInLinearTime() {
        let depth = 100_000
        let html = "<html><body><div class=story>" + storyParagraphs.map { "<p>\($0)</p>" }.joined()
            + String(repeating: "<div>", count: depth) + String(repeating: "</div>", count: depth) + "</div></body></html>"
        let started = Date()
        let article = HTMLArticleExtractor().extract(Array(html.utf8))
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(article.paragraphs == storyParagraphs)
    }

    @Test func deeplyNestedJSONLDIsIgnoredWithoutCrashing() {
        let ld = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let html = page(head: "<script type=\"application/ld+json\">\(ld)</script><meta property=\"og:title\" content=\"Still here\">")
        #expect(extract(html).title == "Still here")
    }

    @Test func unclosedAndMisnestedMarkupIsRecovered() {
        let html = "<html><body><div class=story><p>First paragraph of the story, with enough words to count here.<p>Second paragraph <b>bold <i>both</b> italic</i> and more words to be long enough.</div>"
        let article = extract(html)
        #expect(article.paragraphs.first == "First paragraph of the story, with enough words to count here.")
        #expect(article.paragraphs.count == 2)
    }
}

/// Deterministic random numbers for the fuzz test.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ParseProcessorHTML {
    func run(_ html: String, path: String? = "story.html") async throws -> Document {
        let parse = try Parse(options: Parse.Options(),
                              context: SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "test.yaml"))
        var document = Document(id: "story", source: DocumentSource(path: path), raw: Array(html.utf8))
        try await parse.process(&document)
        return document
    }

    @Test func htmlFileBecomesBodyTextWithParagraphSpansAndMetadata() async throws {
        let document = try await run(storyPage)
        #expect(document.source.format == "html")
        #expect(document.text == storyParagraphs.joined(separator: "\n\n"))
        #expect(document.paragraphs.map { document.text(of: $0) } == storyParagraphs)
        #expect(document.metadata.title == "Harbor budget passes after long night")
        #expect(document.metadata.source == "The Coastal Ledger")
        #expect(document.metadata.published == "2024-03-05T21:14:00Z")
        #expect(document.metadata.extra["description"] == .string("The harbor authority approved its budget."))
    }

    @Test func pageWithoutArticleTextIsRejectedWithAReason() async throws {
        // Like an empty text file: reported (with the reason) rather than written as an empty document.
        await #expect(throws: DocumentRejected.self) {
            _ = try await run("<!doctype html><html><head><title>App</title></head><body><div id=root></div><script>render()</script></body></html>")
        }
    }

    @Test func htmlIsDetectedFromContentWithoutAnExtension() async throws {
        let document = try await run("\n  <!DOCTYPE html>" + storyPage.dropFirst(15), path: "story")
        #expect(document.source.format == "html")
        #expect(document.paragraphs.count == storyParagraphs.count)
    }
}

@Suite struct BenchmarkPages {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func everyEvalPageYieldsABody() throws {
        let folder = SharedData.url("eval/html/html")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            let article = HTMLArticleExtractor().extract(bytes)
            #expect(article.text.count > 200, "\(file): body of \(article.text.count) characters")
        }
    }
}
