import Testing
@testable import PipelineKit

/// One answer, in the core, to "which tokens lie in this span" and "is there a space before this token".
struct TokenIndexTests {
    /// "Mr. Smith went to Paris." tokenized by hand: Mr . Smith went to Paris .
    let text = "Mr. Smith went to Paris."
    var index: TokenIndex {
        let spans = [(0, 2), (2, 3), (4, 9), (10, 14), (15, 17), (18, 23), (23, 24)]
        return TokenIndex(tokens: spans.map { Token(span: Span(start: $0.0, end: $0.1), kind: .word) }, bytes: Array(text.utf8))
    }

    @Test func insideCountsWholeTokensOnlyAndOverlappingCountsCutOnes() {
        // "ith went to Pa": cuts "Smith" and "Paris".
        let cut = Span(start: 6, end: 20)
        #expect(index.tokens(inside: cut) == 3..<5)
        #expect(index.tokens(overlapping: cut) == 2..<6)
        // Exactly one token's bytes.
        #expect(index.tokens(inside: Span(start: 4, end: 9)) == 2..<3)
        #expect(index.tokens(overlapping: Span(start: 4, end: 9)) == 2..<3)
        // Between tokens, and past the end: none.
        #expect(index.tokens(inside: Span(start: 9, end: 10)).isEmpty)
        #expect(index.tokens(overlapping: Span(start: 9, end: 10)).isEmpty)
        #expect(index.tokens(overlapping: Span(start: 30, end: 40)).isEmpty)
    }

    @Test func containmentAssignsEachTokenToItsSentence() {
        let (owner, ranges) = index.containment(in: [Span(start: 0, end: 3), Span(start: 4, end: 24)])
        #expect(owner == [0, 0, 1, 1, 1, 1, 1])
        #expect(ranges == [0..<2, 2..<7])
    }

    @Test func gapBeforeIsAboutAdjacencyAndWhitespaceAboutTheByteBefore() {
        #expect(index.gapBefore(1) == false)   // "Mr" "."
        #expect(index.gapBefore(2) == true)    // ". Smith"
        #expect(index.whitespaceBefore(0) == true)   // the start of the text
        #expect(index.whitespaceBefore(1) == false)
        #expect(index.whitespaceAfter(6) == true)    // the end of the text
    }

    @Test func onlyTheNoBreakSpaceCountsAsSpaceNotTheA0ByteOfOtherLetters() {
        // "à" is C3 A0 and "Р" is D0 A0: their second byte is no space. U+00A0 (C2 A0) is.
        for (word, isSpace) in [("voilà", false), ("Р", false), ("x\u{00A0}", true), ("x ", true)] {
            let bytes = Array((word + "\"").utf8)
            #expect(TokenIndex.whitespace(endingAt: bytes.count - 1, in: bytes) == isSpace, "\(word)")
        }
        let bytes = Array("\u{00A0}à".utf8)
        #expect(TokenIndex.whitespace(startingAt: 0, in: bytes) == true)
        #expect(TokenIndex.whitespace(startingAt: 3, in: bytes) == false)   // the A0 of "à"
    }
}
