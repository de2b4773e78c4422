import Foundation
import Testing
@testable import Parsing
@testable import PipelineKit

// Pages written for these tests, one per failure family seen on real pages: the wrong block, another
// story appended by infinite scroll, parts of the body dropped, boilerplate at the tail, consent
// notices, invisible characters, reader comments.

private let lake = [
    "The lake council agreed on Tuesday to close the northern shore to boats for the whole summer season.",
    "Fishermen said the ban would cost them their best months, while swimmers welcomed a quieter beach.",
    "The council will review the decision in October, after counting the birds that nest in the reeds.",
]

private func html(title: String, head: String = "", body: String) -> [UInt8] {
    Array("<!doctype html><html><head><title>\(title)</title>\(head)</head><body>\(body)</body></html>".utf8)
}

private func paragraphs(_ bytes: [UInt8], comments: Bool = false) -> [String] {
    HTMLArticleExtractor().extract(bytes, comments: comments).paragraphs
}

@Suite struct TheRightBlock {
    @Test func plainParagraphsUnderAWrapperNamedLikeASidebarAreTheArticleNotAFragment() {
        // The page wrapper's class says "sidebar" and "header": it holds the headline, so it is no side box.
        let body = """
            <div class="layout has-sidebar header-sticky"><div class="row">
              <h1>Lake shore closed to boats</h1>
              <div class="col">\(lake.map { "<p>\($0)</p>" }.joined())</div>
              <div class="partner">Partner of:</div>
            </div></div>
            """
        #expect(paragraphs(html(title: "Lake shore closed to boats", body: body)) == lake)
    }

    @Test func aTeaserMarkedAsDescriptionIsTheLead() {
        let lead = "Boats are banned from the northern shore until September, the council decided."
        let body = """
            <div class="story"><h1>Lake shore closed to boats</h1>
              <div itemprop="description"><strong>\(lead)</strong></div>
              <div class="story-text">\(lake.map { "<p>\($0)</p>" }.joined())</div></div>
            """
        #expect(paragraphs(html(title: "Lake shore closed to boats", body: body)) == [lead] + lake)
    }
}

@Suite struct InfiniteScroll {
    let other = [
        "A new bakery opened on the market square, selling bread baked in a wood oven every single morning.",
        "Its owner, who trained in three countries, said she had waited ten years to open a shop of her own.",
        "Queues formed before dawn on the first day, and the bakery had sold out of rye bread by nine o'clock.",
        "The town's mayor visited at noon and promised to support small shops in the old centre of the town.",
    ]

    func page(title: String) -> [UInt8] {
        let body = """
            <main>
              <article><h1>Lake shore closed to boats</h1>\(lake.map { "<p>\($0)</p>" }.joined())</article>
              <article><h1>Bakery opens on the square</h1>\(other.map { "<p>\($0)</p>" }.joined())</article>
            </main>
            """
        return html(title: title, head: "<meta property=\"og:title\" content=\"\(title)\">", body: body)
    }

    @Test func theStoryWhoseHeadlineMatchesTheTitleIsChosenOverALongerAppendedOne() {
        #expect(paragraphs(page(title: "Lake shore closed to boats | Lakeside News")) == lake)
    }

    @Test func theMatchWorksWhicheverStoryComesFirst() {
        #expect(paragraphs(page(title: "Bakery opens on the square")) == other)
    }
}

@Suite struct TheWholeBody {
    @Test func subheadingsListsQuotesAndShortParagraphsBetweenBodyPartsStay() {
        let body = """
            <div class="wrap"><h1>Lake shore closed to boats</h1>
              <p>\(lake[0])</p>
              <h3 class="subheading">What changes</h3>
              <p>\(lake[1])</p>
              <ul><li>No motor boats</li><li>No sailing boats</li></ul>
              <blockquote>We need the quiet.</blockquote>
              <p>It is final.</p>
              <p>\(lake[2])</p>
            </div>
            """
        #expect(paragraphs(html(title: "Lake shore closed to boats", body: body)) == [
            lake[0], "What changes", lake[1], "No motor boats", "No sailing boats", "We need the quiet.", "It is final.", lake[2],
        ])
    }
}

@Suite struct TheArticlesEnd {
    func page(tail: String) -> [UInt8] {
        html(title: "Lake shore closed to boats", body: """
            <div class="entry"><h1>Lake shore closed to boats</h1>\(lake.map { "<p>\($0)</p>" }.joined())\(tail)</div>
            """)
    }

    @Test(arguments: [
        "<p>Tags: <a href=/a>lake</a>, <a href=/b>boats</a></p>",
        "<p>Comments closed | <a href=/t>Trackback URL</a></p>",
        "<h3>You might also like:</h3><p>The bakery on the square opens its second shop in the harbour district soon.</p>",
        "<h2>Related posts</h2><p>Ferry timetable changes for the winter months, with fewer crossings at night.</p>",
        "<h2>Ähnliche Beiträge</h2><p>Die Fähre fährt im Winter seltener, vor allem in den späten Abendstunden.</p>",
        "<h3>Das könnte Sie auch interessieren</h3><p>Neue Bäckerei am Marktplatz eröffnet, mit Brot aus dem Holzofen.</p>",
        "<h3>Kommentare (2)</h3><p>Endlich Ruhe am See, das war überfällig und ist eine gute Entscheidung.</p>",
        "<h3>Articles similaires</h3><p>Le bac change d'horaires pour l'hiver, avec moins de traversées la nuit.</p>",
        "<h3>Artículos relacionados</h3><p>El ferry cambia su horario de invierno, con menos travesías por la noche.</p>",
        "<h3>Articoli correlati</h3><p>Il traghetto cambia orario per l'inverno, con meno corse durante la notte.</p>",
    ])
    func tailBoilerplateInFiveLanguagesIsLeftOut(tail: String) {
        #expect(paragraphs(page(tail: tail)) == lake)
    }

    @Test func aMarkerBeforeAnyArticleTextDoesNotEndTheArticle() {
        let bytes = html(title: "Lake shore closed to boats", body: """
            <div class="entry"><h1>Lake shore closed to boats</h1><p>Kommentare</p>\(lake.map { "<p>\($0)</p>" }.joined())</div>
            """)
        #expect(paragraphs(bytes) == lake)
    }

    @Test func lexiconReadsSectionTitlesAndLabels() {
        let lexicon = HTMLBoilerplateLexicon.shared
        #expect(lexicon.kind(ofBlock: Array("Kommentare (12)".utf8)) == .end)
        #expect(lexicon.kind(ofBlock: Array("3 Comments".utf8)) == .end)
        #expect(lexicon.kind(ofBlock: Array("Schlagworte: Wahl, Bundestag".utf8)) == .label)
        #expect(lexicon.kind(ofBlock: Array("Mots-clés : élection".utf8)) == .label)
        #expect(lexicon.kind(ofBlock: Array("Comments were many at the meeting.".utf8)) == nil)
        #expect(lexicon.kind(ofBlock: Array("Tag 1: Ankunft in Berlin".utf8)) == nil)
    }
}

@Suite struct ConsentNotices {
    let notice = """
        <div class="box">We use cookies to improve your experience and to show you personalised content. \
        By clicking accept you agree to our use of cookies, as described in our cookie policy. You can change \
        your cookie settings at any time, withdraw your consent, and read how we process your data, with commas, \
        clauses, and more words than the story has, so that by length alone it would win.</div>
        """

    @Test func aConsentNoticeIsNeverTheArticle() {
        let body = "\(notice)<div class=x><p>\(lake[0])</p><p>\(lake[1])</p></div>"
        let result = paragraphs(html(title: "Lake shore closed to boats", body: body))
        #expect(result == [lake[0], lake[1]])
    }

    @Test func aPageWithOnlyAConsentNoticeHasNoBody() {
        #expect(paragraphs(html(title: "Lake", body: notice)).isEmpty)
    }

    @Test func germanConsentWordingCountsToo() {
        let german = "<div>Wir verwenden Cookies, um Inhalte zu personalisieren, und Sie können Ihre Einwilligung jederzeit widerrufen, in den Einstellungen.</div>"
        #expect(paragraphs(html(title: "See", body: german)).isEmpty)
    }
}

@Suite struct InvisibleCharacters {
    @Test func softHyphensAndZeroWidthCharactersAreRemovedFromBodyAndTitle() {
        let bytes = html(title: "Wäh&shy;rend der Saison", body: """
            <article><p>Wäh&shy;rend der Saison bleibt das Ufer ge\u{AD}sperrt, sag\u{200B}te die Vor\u{200D}sitzende am Diens\u{2060}tag\u{FEFF}.</p></article>
            """)
        let article = HTMLArticleExtractor().extract(bytes)
        #expect(article.paragraphs == ["Während der Saison bleibt das Ufer gesperrt, sagte die Vorsitzende am Dienstag."])
        #expect(article.title == "Während der Saison")
    }

    @Test func paragraphSpansStayConsistentAfterRemoval() async throws {
        let page = "<html><body><article><p>Wäh&shy;rend der Saison bleibt das Ufer für Boote gesperrt, sagte sie.</p><p>Zwei\u{200B}ter Absatz mit ge\u{AD}nug Text, damit er als Absatz zählt.</p></article></body></html>"
        let parse = try Parse(options: Parse.Options(), context: SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "t.yaml"))
        var document = Document(id: "d", source: DocumentSource(path: "d.html"), raw: Array(page.utf8))
        try await parse.process(&document)
        #expect(document.paragraphs.map { document.text(of: $0) } == [
            "Während der Saison bleibt das Ufer für Boote gesperrt, sagte sie.",
            "Zweiter Absatz mit genug Text, damit er als Absatz zählt.",
        ])
        #expect(!document.text.unicodeScalars.contains { $0.value == 0xAD || $0.value == 0x200B })
    }
}

@Suite struct ReaderComments {
    let page = html(title: "Lake shore closed to boats", body: """
        <article><h1>Lake shore closed to boats</h1>\(lake.map { "<p>\($0)</p>" }.joined())</article>
        <div id="comments" class="comments-area"><h2>2 thoughts</h2><ol class="comment-list">
          <li class="comment"><div class="comment-author">Ann</div><div class="comment-content"><p>Finally some quiet at the lake.</p></div>
            <a class="reply" href="#">Reply</a>
            <ol class="children"><li class="comment"><div class="comment-author">Bo</div><div class="comment-content"><p>Not for the fishermen.</p></div></li></ol>
          </li>
        </ol><form class="comment-form"><p>Leave a reply</p></form></div>
        """)

    @Test func commentsStayOutOfTheBodyAndAreNotCollectedByDefault() {
        let article = HTMLArticleExtractor().extract(page)
        #expect(article.paragraphs == lake)
        #expect(article.comments.isEmpty)
    }

    @Test func commentsTrueCollectsEachCommentWithoutAuthorLineOrReplyLink() {
        let article = HTMLArticleExtractor().extract(page, comments: true)
        #expect(article.paragraphs == lake)
        #expect(article.comments == ["Finally some quiet at the lake.", "Not for the fishermen."])
    }

    @Test func parseOptionPutsThemInTheCommentsLayer() async throws {
        var options = Parse.Options()
        options.comments = true
        let parse = try Parse(options: options, context: SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "t.yaml"))
        var document = Document(id: "d", source: DocumentSource(path: "d.html"), raw: page)
        try await parse.process(&document)
        let comments = try document.layer(.comments)
        #expect(comments?.map(\.text) == ["Finally some quiet at the lake.", "Not for the fishermen."])
        #expect(!document.text.contains("fishermen."))
    }
}
