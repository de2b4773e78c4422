import Foundation
import PipelineKit
import Testing
@testable import Export

@Suite struct HTMLExportTests {
    func report(_ documents: [Document], _ options: [String: JSONValue] = [:]) async throws -> String {
        let path = Harness.temporaryFolder() + "/report.html"
        var all = options
        all["format"] = "html"
        all["path"] = .string(path)
        try await Harness.export(documents, all)
        return try Harness.read(path)
    }

    /// EXPORT_TESTS_HTML=/path/report.html keeps a report of the sample documents, for
    /// scripts/check-html-report.sh and a look in a browser.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EXPORT_TESTS_HTML"] != nil, "set EXPORT_TESTS_HTML=/path/report.html to keep the sample report"))
    func theSampleReportCanBeKeptForABrowserCheck() async throws {
        let path = try #require(ProcessInfo.processInfo.environment["EXPORT_TESTS_HTML"])
        try await Harness.export([Samples.library, Samples.hostile, Samples.bare],
                                 ["format": "html", "path": .string(path), "overwrite": "always"])
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func highlightsEntitiesByTypeAndMarksQuotesWithTheirSpeakers() async throws {
        let html = try await report([Samples.library])
        #expect(html.contains("<mark class=\"e l-PERSON spk\" title=\"PERSON: Joon-ho Park\ntitle: Head librarian\">Park</mark>"))
        #expect(html.contains("<mark class=\"e l-ORG\" title=\"ORG: Ashford Central Library\">Ashford Central Library</mark>"))
        #expect(html.contains("<span class=\"q q-direct\" title=\"quote 1 (direct): Lucía Benedetti\">A library is the one place"))
        #expect(html.contains("<sup class=\"who\">1 · Lucía Benedetti</sup>"))
        // A two-fragment quote gets its speaker badge once, after the last fragment.
        #expect(html.components(separatedBy: "<sup class=\"who\">2 · Joon-ho Park</sup>").count == 2)
        // An entity inside a quote is nested inside the quote's span.
        #expect(html.contains("tables of <mark class=\"e l-GPE\" title=\"GPE: Ashford\">Ashford</mark>,</span>"))
        #expect(html.contains("mark.l-PERSON { background:"))
    }

    @Test func summaryTablesCountMentionsAndQuotesAcrossDocuments() async throws {
        var second = Samples.library
        second.id = "library-again"
        let html = try await report([Samples.library, second, Samples.bare], ["max_documents": 1])
        #expect(html.contains("3 documents"))
        #expect(html.contains("<tr><td>Joon-ho Park</td><td class=\"n\">4</td><td class=\"n\">2</td></tr>"))
        #expect(html.contains("<tr><td>Lucía Benedetti</td><td><mark class=\"e l-PERSON\">PERSON</mark></td><td class=\"n\">4</td><td class=\"n\">2</td></tr>"))
        #expect(html.contains("showing the first 1 documents"))
        #expect(html.components(separatedBy: "<article").count == 2)
    }

    @Test func everythingFromTheDocumentIsEscaped() async throws {
        let html = try await report([Samples.hostile])
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("Title with &lt;tags&gt; &amp; &quot;quotes&quot;"))
        #expect(html.contains("hostile/../&lt;b&gt;x&lt;/b&gt;"))
        #expect(html.contains("l-CUSTOM_LABEL"))
        // Nothing refers to the network: the document's URL is shown as text, not as a link.
        #expect(!html.contains("href="))
        #expect(!html.contains("src="))
        #expect(html.contains("https://example.org/a?b=1&amp;c=2"))
        #expect(html.contains("default-src 'none'"))
    }

    @Test func overlappingMarksStayWellNested() async throws {
        var d = RichDocument(id: "overlap", text: "Alpha Beta Gamma said “Beta Gamma Delta” loudly.").document
        d.entities = [
            EntityMention(span: Span(start: 0, end: 10), label: .org, step: "t"),   // Alpha Beta
            EntityMention(span: Span(start: 6, end: 16), label: .person, step: "t"),  // Beta Gamma: overlaps, dropped
        ]
        let open = Array(d.text.utf8).firstIndex(of: 0xE2)! + 3
        d.quotes = [Quote(span: Span(start: open, end: open + 16), fragments: [Span(start: open, end: open + 16)], kind: .direct,
                          speaker: nil, rule: "t", step: "t")]
        // An entity crossing the quote's end is split into two pieces.
        d.entities.append(EntityMention(span: Span(start: open + 11, end: open + 27), label: .gpe, step: "t"))
        let html = try await report([d])
        let text = try #require(html.components(separatedBy: "<div class=\"text\">").last?.components(separatedBy: "</div>").first)
        var depth: [String] = []
        let scanner = try NSRegularExpression(pattern: "</?(mark|span|sup)\\b")
        for match in scanner.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let tag = String(text[Range(match.range, in: text)!])
            if tag.hasPrefix("</") {
                #expect(depth.popLast() == String(tag.dropFirst(2)), "badly nested: \(text)")
            } else {
                depth.append(String(tag.dropFirst()))
            }
        }
        #expect(depth.isEmpty)
        #expect(text.contains("Delta</mark></span><sup class=\"who\">1 · unattributed</sup><mark class=\"e l-GPE\" title=\"GPE\">”"))
    }
}
