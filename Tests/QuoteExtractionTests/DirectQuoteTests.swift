import PipelineKit
import Testing
@testable import QuoteExtraction

@Suite struct DirectQuoteTests {
    @Test func quoteSplitAroundItsAttributionIsOneQuoteWithTwoFragments() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“We are ready,” Paul said. “The rest can wait.”")
        #expect(quotes.count == 1)
        let q = try #require(quotes.first)
        #expect(q.kind == .direct)
        #expect(doc.fragments(q) == ["We are ready,", "The rest can wait."])
        #expect(doc.speaker(q) == "Paul")
        #expect(doc.cue(q) == "said")
        #expect(q.rule.hasPrefix("speaker-cue-after-quote"))
    }

    @Test func straightQuotesWithSaidBeforeTheSpeaker() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("\"It was a long night,\" said Maria Lopez, a nurse.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["It was a long night,"])
        #expect(doc.speaker(q) == "Maria Lopez")
        #expect(q.rule == "cue-speaker-after-quote")
    }

    @Test func guillemetsAndSingleQuotesInsideDoubleOnes() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("«Nobody called it ‘a crisis’ back then,» the mayor said.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["Nobody called it ‘a crisis’ back then,"])
        #expect(doc.speaker(q) == "the mayor")
    }

    @Test func appositiveBetweenSpeakerAndCueIsSkipped() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“We saw twelve patients today,” Jane Doe, a doctor at the clinic, said.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Jane Doe")
    }

    @Test func toldReportersAttributesToTheSubject() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“Talks are over,” Smith told reporters on Friday.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Smith")
        #expect(doc.cue(q) == "told")
    }

    @Test func colonIntroducedQuote() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("The minister said: “We will rebuild every school in the region.”")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "The minister")
        #expect(q.rule == "speaker-cue-before-quote")
    }

    @Test func trailingDashNamesTheSpeaker() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“Justice delayed is justice denied.” — Commissioner James Gordon")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Commissioner James Gordon")
        #expect(q.rule == "dash-after-quote")
    }

    @Test func eachQuotationInAListIsSignedByTheDashAfterIt() async throws {
        let text = "Quotes of the week: “We have the best plans.” — Ann Reed, at a rally in Ohio. “We are going to win.” — Tom Price, in Iowa."
        let (doc, quotes) = try await QuoteHarness.quotes(text, options: try .decode(["kinds": ["direct"]]))
        #expect(quotes.map { doc.fragments($0) } == [["We have the best plans."], ["We are going to win."]])
        #expect(quotes.map { doc.speaker($0) } == ["Ann Reed", "Tom Price"])
        #expect(quotes.allSatisfy { $0.rule == "dash-after-quote" })
    }

    @Test func aRemarkOrASentenceAfterTheDashSignsNothing() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Ann Reed said: “We will win big.” — A bold claim.", options: try .decode(["kinds": ["direct"]]))
        #expect(quotes.map { doc.speaker($0) } == ["Ann Reed"])
        let (doc2, spoken) = try await QuoteHarness.quotes("“We are doing fine” — Rubio said, before leaving the stage.")
        #expect(spoken.map { doc2.speaker($0) } == ["Rubio"])
        #expect(spoken.map(\.rule) == ["speaker-cue-after-quote"])
    }

    @Test func aCueEndingInAColonAfterAQuestionIntroducesTheNextQuotation() async throws {
        let text = "“Britain has the right attitude,” said Connors. “The kids will ask: ‘What am I doing there?’” "
            + "The association's chief executive, John Crowther, added: “The relationship has started well.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.map { doc.speaker($0) } == ["Connors", "John Crowther"])
        #expect(quotes.first.map { doc.fragments($0).count } == 2)
    }

    @Test func oneCapitalizedWordAfterAQuotationIsNoSpeakerUnlessTheEntityLayerKnowsIt() async throws {
        let text = "“Access is restricted,” said Pete Buckingham of the film council. “The choice outside London remains limited,” "
            + "Digital prints cost less than a traditional print."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.map { doc.speaker($0) } == ["Pete Buckingham"])
        #expect(quotes.first.map { doc.fragments($0).count } == 2)
    }

    @Test func aNamedRoleBeforeAColonSpeaksNotTheBodyItServes() async throws {
        let text = "The new show will launch in spring. BBC Two controller Roly Keating: “It is an exciting new era for pop music.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.map { $0.speakerName } == ["Roly Keating"])
        #expect(quotes.map { doc.speaker($0) } == ["Roly Keating"])
    }

    @Test func aQuotedPhraseInsideTheSentenceLeavesItsSubjectTheSpeakerOfTheQuotationAfterIt() async throws {
        for text in ["After the vote, Ann Reed called the bill “a disaster”, adding: “We will fix it next year.”",
                     "After the vote, Ann Reed called the bill “a disaster” and added: “We will fix it next year.”",
                     "After the vote, Ann Reed told reporters the bill was “a disaster” and added: “We will fix it next year.”"] {
            let (doc, quotes) = try await QuoteHarness.quotes(text)
            let direct = try #require(quotes.first { $0.kind == .direct })
            #expect(doc.fragments(direct) == ["We will fix it next year."])
            #expect(doc.speaker(direct) == "Ann Reed")
            let mixed = try #require(quotes.first { $0.kind == .mixed })
            #expect(!doc.text(of: mixed.span).contains("added"))
            #expect(!doc.text(of: mixed.span).hasPrefix("reporters"))
        }
    }

    @Test func aRelativeClauseBetweenNameAndCueIsNoApposition() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes(
            "Sanders, who has not endorsed Clinton, said at a rally: “We will fight on to the convention.”", entities: true)
        #expect(quotes.map { doc.speaker($0) } == ["Sanders"])
    }

    @Test func aPartyAndStateInParenthesesDoNotEndTheAttribution() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“We will not back down,” Sen. Ann Reed (D-Vt.) said Sunday on CBS.", entities: true)
        #expect(quotes.count == 1)
        #expect(quotes.first?.rule == "speaker-cue-after-quote")
        #expect(quotes.first?.speakerName == "Ann Reed")
        #expect(quotes.first.map { doc.text(of: $0.span) } == "We will not back down,")
    }

    @Test func aShowTitleInQuotationMarksLeavesTheAttributionToTheSentence() async throws {
        let text = "In an interview on CBS's “Face the Nation,” House Speaker Tom Price (R-Ga.) said the shootings demand that "
            + "all Americans engage in “more listening.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(quotes.count == 1)
        #expect(doc.text(of: q.span).hasPrefix("the shootings demand"))
        #expect(q.speakerName == "Tom Price")
    }

    @Test func aNewsletterOrABookSpeaksAsItselfNotAsThePersonLastNamed() async throws {
        let text = "Liberal Democrat Tom Price complained to the regulator. He quotes a local party newsletter. "
            + "The newsletter says: “We can send them a letter encouraging them to vote.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { $0.kind == .direct })
        #expect(doc.speaker(q) == "The newsletter")
        #expect(q.speakerName == "The newsletter")
    }

    @Test func quoteOverSeveralParagraphsOpensEachAndClosesOnce() async throws {
        let text = "Paul said: “The first part of the answer is long.\n\n“The second part ends it.”\n\nThen he left."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.count == 1)
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["The first part of the answer is long.", "The second part ends it."])
        #expect(doc.speaker(q) == "Paul")
    }

    @Test func unpairedMarkStaysInsideItsParagraph() async throws {
        let text = "The sign said “closed for the season and more words here\n\nLater, “We will open in May,” Mary said.\n\nNothing else happened here."
        let (doc, quotes) = try await QuoteHarness.quotes(text, options: try .decode(["kinds": ["direct"]]))
        #expect(quotes.count == 1)
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["We will open in May,"])
        #expect(doc.speaker(q) == "Mary")
    }

    @Test func continuationParagraphWithoutCueKeepsThePreviousSpeaker() async throws {
        let text = "“We start on Monday,” Paul said.\n\n“And we finish on Friday, whatever the weather does.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.count == 1)
        let q = try #require(quotes.first)
        #expect(q.fragments.count == 2)
        #expect(doc.speaker(q) == "Paul")
        #expect(q.rule.contains("continuation"))
    }

    @Test func scareQuotesAndTitlesAreNoQuotes() async throws {
        let (_, quotes) = try await QuoteHarness.quotes(
            "They printed “fantastic” on every poster.\n\nShe starred in “Jaws” last year.")
        #expect(quotes.isEmpty)
    }

    @Test func quotedFragmentInsideReportedSpeechIsMixed() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Morris says the campaign will “compete vigorously for the nomination.”")
        let q = try #require(quotes.first)
        #expect(q.kind == .mixed)
        #expect(doc.speaker(q) == "Morris")
        #expect(doc.fragments(q) == ["the campaign will “compete vigorously for the nomination.”"])
    }

    @Test func texStyleDoubleApostrophesPairAsDoubleMarks() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("''This was an example of bad timing,'' he said.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["This was an example of bad timing,"])
        #expect(doc.speaker(q) == "he")
    }

    @Test func verbOutsideTheLexiconInABareAttribution() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“Would that be negotiable?” Hannity pressed.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Hannity")
        #expect(q.rule == "speaker-verb-after-quote")
    }

    @Test func capitalizedWordsAreNoCues() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("“We will act,” US Secretary of State Mike Pompeo pledged.")
        let q = try #require(quotes.first)
        #expect(doc.cue(q) == "pledged")
        #expect(doc.speaker(q) == "US Secretary of State Mike Pompeo")
    }
}

/// A straight quotation mark right after "à" or "Р" (whose second UTF-8 byte is A0) does not follow a space.
@Test func aStraightMarkAfterAnAccentedLetterIsNotAfterASpace() async throws {
    for text in ["Il a dit voilà\" et rien.", "Компания Р\" и все."] {
        let document = try await QuoteHarness.parsed(text)
        let view = QuoteTokens(document)
        let mark = try #require(view.tokens.indices.first { view.lower[$0] == "\"" })
        #expect(view.whitespaceBefore(mark) == false, "\(text)")
        #expect(QuoteMarks.straightRole(view, mark) == .close, "\(text)")
    }
}
