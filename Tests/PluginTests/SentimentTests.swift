import Foundation
import PipelineKit
import Sentiment
import Testing

@Suite("sentiment: VADER per sentence and per quote")
struct SentimentTests {
    /// Compound scores from the reference implementation (vaderSentiment 3.3.2 `polarity_scores`).
    static let reference: [(String, Double)] = [
        ("VADER is smart, handsome, and funny.", 0.8316),
        ("VADER is smart, handsome, and funny!", 0.8439),
        ("VADER is very smart, handsome, and funny.", 0.8545),
        ("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
        ("VADER is not smart, handsome, nor funny.", -0.7424),
        ("The book was good.", 0.4404),
        ("At least it isn't a horrible book.", 0.431),
        ("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042),
        ("Today SUX!", -0.5461),
        ("The government said the talks had failed and warned of more strikes.", -0.8016),
        ("Shares rose sharply after the company reported record profits.", 0.6249),
    ]

    @Test(arguments: reference)
    func matchesTheReferenceImplementation(sentence: String, compound: Double) async throws {
        var doc = try await parsed(sentence)
        try #require(doc.sentences.count == 1)
        try await make(Sentiment.self).process(&doc)
        let entries = try #require(try doc.layer(.sentenceSentiment))
        #expect(abs(entries[0].compound - compound) < 0.0011, "\(sentence): got \(entries[0].compound)")
    }

    @Test func sharesAndDocumentSummary() async throws {
        var doc = try await parsed("The rescue was a wonderful success. The flood killed twelve people. The meeting is on Monday.")
        try await make(Sentiment.self).process(&doc)
        let entries = try #require(try doc.layer(.sentenceSentiment))
        #expect(entries.count == 3)
        #expect(entries[0].compound > 0.5)
        #expect(entries[1].compound < -0.5)
        #expect(entries[2].compound == 0)
        for e in entries where e.compound != 0 { #expect(abs(e.positive + e.negative + e.neutral - 1) < 0.01) }
        let summary = try #require(doc.metadata.extra["sentiment"])
        #expect(summary["positive_sentences"] == .int(1))
        #expect(summary["negative_sentences"] == .int(1))
        #expect((summary["subjectivity"]?.doubleValue ?? 0) > 0)
    }

    @Test func quotesAreScoredFromTheirFragmentsWithTheSpeaker() async throws {
        var doc = try await parsed(#""This is a disaster for our town," the mayor said. "We are angry.""#)
        let text = doc.text
        func span(_ s: String) -> Span {
            let r = text.range(of: s)!
            return Span(start: text.utf8.distance(from: text.startIndex, to: r.lowerBound),
                        end: text.utf8.distance(from: text.startIndex, to: r.upperBound))
        }
        doc.quotes = [Quote(span: span("\"This is a disaster for our town,\""), fragments: [span("This is a disaster for our town,")],
                            kind: .direct, speakerName: "the mayor", rule: "test", step: "quotes")]
        try await make(Sentiment.self).process(&doc)
        let quotes = try #require(try doc.layer(.quoteSentiment))
        #expect(quotes.count == 1)
        #expect(quotes[0].compound < -0.4)
        #expect(quotes[0].speaker == "the mayor")
        #expect(quotes[0].span.start == 0)
    }

    @Test func noQuotesGiveAnEmptyQuoteLayer() async throws {
        var doc = try await parsed("Nothing quoted here.")
        try await make(Sentiment.self, ["sentences": false]).process(&doc)
        #expect(try doc.layer(.quoteSentiment) == [])
        #expect(try doc.layer(.sentenceSentiment) == nil)
    }

    @Test func lexiconIsTheFullVaderLexicon() throws {
        let lexicon = try Vader.loadLexicon()
        #expect(lexicon.count > 7000)
        #expect(lexicon["good"] == 1.9)
        #expect(lexicon["war"] == -2.9)
    }
}
