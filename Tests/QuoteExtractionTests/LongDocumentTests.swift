import PipelineKit
import Testing

/// A long document of many quotations: the claims of reported speech over quotations, the mid-sentence set
/// and the fuller-name lookup (all once quadratic) must treat every repetition as the first.
@Suite struct LongDocumentQuoteTests {
    @Test func repeatedParagraphsGiveTheSameQuotesEachTime() async throws {
        let paragraph = "The minister said \"we will not stop\" on Tuesday, according to John Smith of Reuters. "
            + "\"It is over,\" said Mary Jones. Jones added that talks would resume.\n\n"
        let (_, single) = try await QuoteHarness.quotes(paragraph, entities: true)
        #expect(single.count >= 2)
        let repeats = 300
        let (document, quotes) = try await QuoteHarness.quotes(String(repeating: paragraph, count: repeats), entities: true)
        #expect(quotes.count == single.count * repeats)
        let last = quotes.suffix(single.count)
        #expect(last.map(\.kind) == single.map(\.kind))
        #expect(last.map { document.speaker($0) != nil } == single.map { $0.speaker != nil })
        // From the second repetition on, a description ("The minister") may resolve to the previous
        // repetition's speaker, so compare the last repetition with the second, not with the first.
        let second = quotes[single.count..<(2 * single.count)]
        #expect(last.map(\.speakerName) == second.map(\.speakerName))
    }

    @Test func oneLineOfManyQuotationsKeepsEveryMixedQuote() async throws {
        let sentence = "The minister said \"we will not stop\" on Tuesday, according to John Smith of Reuters. "
        let (_, single) = try await QuoteHarness.quotes(sentence, entities: true)
        #expect(single.contains { $0.kind == .mixed || $0.kind == .indirect })
        let (_, quotes) = try await QuoteHarness.quotes(String(repeating: sentence, count: 500), entities: true)
        #expect(quotes.count == single.count * 500)
        #expect(quotes.map(\.kind) == Array(repeating: single.map(\.kind), count: 500).flatMap { $0 })
    }
}
