import Testing
import PipelineKit
@testable import Parsing

func sentences(_ text: String) -> [String] {
    let tokens = Tokenizer.tokenize(text)
    let paragraphs = ParagraphSplitter.split(text)
    let utf8 = Array(text.utf8)
    return SentenceSplitter.split(tokens: tokens, paragraphs: paragraphs, text: text).map {
        String(decoding: utf8[$0.start..<$0.end], as: UTF8.self)
    }
}

@Test func splitsOnPeriodsQuestionAndExclamationMarks() {
    #expect(sentences("It rained. Was it cold? Yes! Very.") == ["It rained.", "Was it cold?", "Yes!", "Very."])
}

@Test func titlesDoNotEndSentences() {
    #expect(sentences("Maj. Gen. Qassim Soleimani spoke. Dr. Smith and Mr. Jones agreed.") ==
        ["Maj. Gen. Qassim Soleimani spoke.", "Dr. Smith and Mr. Jones agreed."])
    #expect(sentences("He lives on St. Mark's Place. No. 10 said so.") ==
        ["He lives on St. Mark's Place.", "No. 10 said so."])
}

@Test func monthAndCompanyAbbreviationsDoNotEndSentencesBeforeNames() {
    #expect(sentences("On Jan. 5 and Sept. 12 Apple Inc. Chief Tim Cook spoke.") ==
        ["On Jan. 5 and Sept. 12 Apple Inc. Chief Tim Cook spoke."])
}

@Test func dottedAbbreviationEndsSentenceBeforeASentenceStarter() {
    #expect(sentences("Sanctions came from the U.S. The move hurt. U.S. President Trump spoke.") ==
        ["Sanctions came from the U.S.", "The move hurt.", "U.S. President Trump spoke."])
}

@Test func initialsDoNotEndSentences() {
    #expect(sentences("J. K. Rowling wrote it. She agreed.") == ["J. K. Rowling wrote it.", "She agreed."])
}

@Test func domainNamesDoNotEndSentences() {
    #expect(sentences("Claude Errera, editor of fansite Halo.Bungie.Org, said so. The virus Bagle.AT spread.") ==
        ["Claude Errera, editor of fansite Halo.Bungie.Org, said so.", "The virus Bagle.AT spread."])
}

@Test func decimalsDoNotEndSentences() {
    #expect(sentences("It fell 1.2 percent to $3.2 million. Then it rose.") ==
        ["It fell 1.2 percent to $3.2 million.", "Then it rose."])
}

@Test func ellipsisEndsSentenceOnlyBeforeCapital() {
    #expect(sentences("to hit us … and in this regard they push. Then… Nothing.") ==
        ["to hit us … and in this regard they push.", "Then…", "Nothing."])
}

@Test func sentenceEndingInsideClosingQuoteIncludesTheQuote() {
    #expect(sentences("He said, “We will not accept this.” Then he left.") ==
        ["He said, “We will not accept this.”", "Then he left."])
    #expect(sentences("He said, \"No way.\" Then he left.") == ["He said, \"No way.\"", "Then he left."])
    #expect(sentences("It is “total surrender”. He left.") == ["It is “total surrender”.", "He left."])
}

@Test func questionInsideQuoteBeforeLowercaseContinues() {
    #expect(sentences("“Why?” he asked. Nobody knew.") == ["“Why?” he asked.", "Nobody knew."])
}

@Test func sentencesNeverCrossParagraphs() {
    #expect(sentences("A headline without a period\n\nThe body starts here. It ends") ==
        ["A headline without a period", "The body starts here.", "It ends"])
}

@Test func paragraphsAreBlankLineSeparatedAndTrimmed() {
    let text = "Title\n\n  First line\nsecond line  \n \t\nLast.\n"
    let spans = ParagraphSplitter.split(text)
    let utf8 = Array(text.utf8)
    #expect(spans.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) } == ["Title", "First line\nsecond line", "Last."])
}

@Test func forcedBreaksMakeHeaderLinesTheirOwnParagraph() {
    let text = "Headline\nBy Jane Doe\nBody text."
    let spans = ParagraphSplitter.split(text, breaks: [9, 21])
    #expect(spans == [Span(start: 0, end: 8), Span(start: 9, end: 20), Span(start: 21, end: 31)])
}

@Test func aCommaAfterAClosedBracketDoesNotStartASentence() {
    #expect(sentences("Sen. Mary Holt (R-Ga.), a co-author, said she backs it. Others disagreed.") ==
        ["Sen. Mary Holt (R-Ga.), a co-author, said she backs it.", "Others disagreed."])
}

@Test func linesTooLongForAWrappedBlockAreEachAParagraph() {
    // Scraped news and JSON Lines records often end a paragraph with one line break; a line of more than
    // 100 characters shows the block was not wrapped at a fixed width.
    let long = "The council met on Monday evening and, after three hours of debate, voted to close the library branch."
    let text = "\(long)\n“We will fight this,” said Ann Reed.\n\nA hard-wrapped note\nstays one paragraph."
    let spans = ParagraphSplitter.split(text)
    let utf8 = Array(text.utf8)
    #expect(spans.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) } ==
        [long, "“We will fight this,” said Ann Reed.", "A hard-wrapped note\nstays one paragraph."])
}
