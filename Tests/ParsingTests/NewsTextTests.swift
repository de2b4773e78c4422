import Testing
import Foundation
import PipelineKit
import TestSupport
@testable import Parsing

@Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
func seedArticleHeaderLandsInMetadata() async throws {
    let bytes = try SharedData.bytes("seeds/rudaw-2019-04-29-soleimani.txt")
    let document = try await parse(bytes: bytes, path: "rudaw.txt")
    #expect(document.source.format == "news")
    #expect(document.metadata.title == "Iran top commander rejects negotiation with US as total surrender")
    #expect(document.metadata.published == "2019-04-29T00:00:00")
    #expect(document.metadata.source == "Rudaw")
    #expect(document.metadata.dateline == "ERBIL, Kurdistan Region")
    // Verbatim text: every span indexes the user's file.
    #expect(Array(document.text.utf8) == bytes)
    for key in ["title", "published", "source", "dateline"] {
        let span = try #require(document.metadata.spans[key])
        #expect(!document.text(of: span).isEmpty)
    }
    #expect(document.text(of: document.metadata.spans["published"]!) == "2019-04-29 00:00:00")
    #expect(document.text(of: document.metadata.spans["body"]!).hasPrefix("US government economic pressure"))
    #expect(document.text(of: document.paragraphs[0]) == document.metadata.title)
    #expect(document.text(of: document.paragraphs[1]).hasPrefix("Last Update:"))
    #expect(document.sentences.contains { document.text(of: $0).hasPrefix("ERBIL, Kurdistan Region —US government") && document.text(of: $0).hasSuffix("said on Monday.") })
}

@Test func agencyDatelineGivesPlaceAndSource() async throws {
    let doc = try await parse("Storms hit Texas\n\nDALLAS (AP) — Storms swept through on Monday.")
    #expect(doc.metadata.dateline == "DALLAS")
    #expect(doc.metadata.source == "AP")
    #expect(doc.text(of: doc.metadata.spans["source"]!) == "AP")
    #expect(doc.text(of: doc.metadata.spans["body"]!) == "Storms swept through on Monday.")
}

@Test func reutersDatelineWithDateKeepsOnlyThePlace() async throws {
    let doc = try await parse("Markets slide\n\nLONDON, March 3 (Reuters) - Shares fell on Tuesday.")
    #expect(doc.metadata.dateline == "LONDON")
    #expect(doc.metadata.source == "Reuters")
}

@Test func plainCapitalDatelineWithoutAgency() async throws {
    let doc = try await parse("Senate votes\n\nWASHINGTON — The Senate voted.")
    #expect(doc.metadata.dateline == "WASHINGTON")
    #expect(doc.metadata.source == nil)
}

@Test func bylineLineAndPublishedVariants() async throws {
    let doc = try await parse("Council backs plan\nBy Jane Doe and John Smith\nPublished: March 14, 2026 10:30 AM\n\nThe council voted.")
    #expect(doc.metadata.title == "Council backs plan")
    #expect(doc.metadata.byline == "Jane Doe and John Smith")
    #expect(doc.metadata.published == "2026-03-14T10:30:00")
    #expect(doc.text(of: doc.metadata.spans["published"]!) == "March 14, 2026 10:30 AM")
    #expect(doc.paragraphs.map { doc.text(of: $0) } ==
        ["Council backs plan", "By Jane Doe and John Smith", "Published: March 14, 2026 10:30 AM", "The council voted."])
}

@Test func bylineFewParagraphsDownIsFound() async throws {
    let doc = try await parse("Port plan approved\n\nLast Update: 2026-03-14 09:30:00 - Source: Coastal Wire\n\nNORTH ELDON, Marrow County — The board voted.\n\nBy Priya Raman\n\nThe chairwoman spoke.")
    #expect(doc.metadata.byline == "Priya Raman")
    #expect(doc.metadata.dateline == "NORTH ELDON, Marrow County")
    #expect(doc.metadata.source == "Coastal Wire")
}

@Test func updatedDateIsKeptApartWhenPublishedIsGiven() async throws {
    let doc = try await parse("Title here\n\nPublished 2026-03-14 | Updated 2026-03-15 08:00\n\nBody.")
    #expect(doc.metadata.published == "2026-03-14")
    #expect(doc.metadata.extra["updated"] == .string("2026-03-15T08:00:00"))
}

@Test func bareDateLineIsThePublishedDate() async throws {
    let doc = try await parse("Title here\nMarch 14, 2026\n\nBody text goes here.")
    #expect(doc.metadata.published == "2026-03-14")
}

@Test func headlineWithoutHeaderLinesIsTheTitle() async throws {
    let doc = try await parse("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.")
    #expect(doc.metadata.title == "Ad sales boost Time Warner profit")
    #expect(doc.source.format == "news")
}

@Test func proseWithoutHeadlineHasNoTitle() async throws {
    let doc = try await parse("This is a story that starts right away.\nIt goes on.")
    #expect(doc.metadata.title == nil)
    #expect(doc.source.format == "text")
}

@Test func sentenceStartingWithHeaderWordIsNotAHeader() async throws {
    let doc = try await parse("Title here\n\nUpdated figures show a rise in crime across the region this year.")
    #expect(doc.metadata.published == nil)
    #expect(doc.text(of: doc.metadata.spans["body"]!).hasPrefix("Updated figures"))
}

@Test func explicitTextFormatReadsNoHeaders() async throws {
    let doc = try await parse("Storms hit Texas\n\nDALLAS (AP) — Storms.", format: "text")
    #expect(doc.metadata.title == nil)
    #expect(doc.metadata.dateline == nil)
    #expect(doc.source.format == "text")
}

@Test func datesNormalizeToISO() {
    #expect(DateNormalizer.iso("2019-04-29 00:00:00") == "2019-04-29T00:00:00")
    #expect(DateNormalizer.iso("2019-04-29T10:30:00Z") == "2019-04-29T10:30:00Z")
    #expect(DateNormalizer.iso("2019-04-29T10:30:00+03:00") == "2019-04-29T10:30:00+03:00")
    #expect(DateNormalizer.iso("March 14, 2026") == "2026-03-14")
    #expect(DateNormalizer.iso("Tuesday, Mar. 14, 2026 2:05 p.m.") == "2026-03-14T14:05:00")
    #expect(DateNormalizer.iso("14 March 2026 09:30 GMT") == "2026-03-14T09:30:00Z")
    #expect(DateNormalizer.iso("03/04/2026") == nil)
    #expect(DateNormalizer.iso("yesterday") == nil)
    #expect(DateNormalizer.iso("2026-13-40") == nil)
}
