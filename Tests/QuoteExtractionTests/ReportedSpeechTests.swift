import PipelineKit
import Testing
@testable import QuoteExtraction

@Suite struct ReportedSpeechTests {
    @Test func aDocumentEndingInACueAndThatGivesNoReportAndDoesNotCrash() async throws {
        // Found by scripts/fuzz.sh: the empty report after a final "that" read past the last token.
        let (_, quotes) = try await QuoteHarness.quotes("The minister said that")
        #expect(quotes.isEmpty)
    }

    @Test func nounLikeCueWordsNeedThat() async throws {
        let (_, none) = try await QuoteHarness.quotes("Voters in the battleground state remain divided over the trade deal.")
        #expect(none.isEmpty)
        let (doc, quotes) = try await QuoteHarness.quotes("The lawsuit states that the company misled its investors for years.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["the company misled its investors for years"])
    }

    @Test func aPassiveBeforeToHasNoSpeaker() async throws {
        // An expectation nobody in the sentence holds: reported, as PolNeAR counts it, with no speaker (not «Work»).
        let (_, quotes) = try await QuoteHarness.quotes("Work is expected to begin on April 15 and last eighteen months.")
        #expect(quotes.count == 1)
        #expect(quotes.allSatisfy { $0.speaker == nil && $0.rule == "unsourced-expectation" })
    }

    @Test func aPrepositionalPhraseIsNotAReportedClause() async throws {
        let (_, quotes) = try await QuoteHarness.quotes("The senator said in Iowa on Tuesday night.")
        #expect(quotes.isEmpty)
    }

    @Test func saidThatReportsTheClause() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Soleimani said that the talks had failed completely.")
        let q = try #require(quotes.first)
        #expect(q.kind == .indirect)
        #expect(doc.fragments(q) == ["the talks had failed completely"])
        #expect(doc.speaker(q) == "Soleimani")
        #expect(q.rule == "reported-speaker-cue")
    }

    @Test func saysWithoutThat() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("O’Malley’s campaign says it will shift staff to the early states.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["it will shift staff to the early states"])
        #expect(doc.cue(q) == "says")
    }

    @Test func toldAddresseeToDoSomething() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes(
            "On Sunday, Ayatollah Ali Khamenei, the supreme leader, told the chiefs of police to crack down on smuggling.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Ayatollah Ali Khamenei")
        #expect(doc.fragments(q) == ["the chiefs of police to crack down on smuggling"])
    }

    @Test func warnedWithDescriptionSubject() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("The central bank warned inflation could reach 40 percent this year.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "The central bank")
        #expect(doc.cue(q) == "warned")
    }

    @Test func contentBeforeTheCue() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Economic pressure will not bring us to the table, the general said on Monday.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["Economic pressure will not bring us to the table"])
        #expect(doc.speaker(q) == "the general")
        #expect(q.rule == "reported-content-cue")
    }

    @Test func aSubjectWithItsAppositionBeforeTheCueIsNoReportedClause() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes(
            "The Home Secretary, Ann Reed, agreed the 1998 Act of Union, which sets the rules, was unfair.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Ann Reed")
        #expect(doc.fragments(q) == ["the 1998 Act of Union, which sets the rules, was unfair"])
        #expect(q.rule == "reported-speaker-cue")
    }

    @Test func aCueWordAfterAnArticleIsANounOrAnAdjective() async throws {
        let text = "The show airs on Tuesday and will feature a studio performance. An estimated 50,000 people took out the funds. "
            + "The party is entering the expected 2005 election campaign determined to win."
        let (_, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.isEmpty)
        let (doc, nominal) = try await QuoteHarness.quotes("Mr Blair dismissed the claim he had reneged on a promise to stand aside.")
        #expect(nominal.map { doc.fragments($0) } == [["he had reneged on a promise to stand aside"]])
    }

    @Test func aShowAfterAWordThatShowsNothingIsAProgramme() async throws {
        let programmes = "The gadget show returns to ITV in May. Mr Hague gave two one-man shows, which earned him £40,000. "
            + "This year's show will feature new music. Siemens showed off a system that sends data faster."
        let (_, none) = try await QuoteHarness.quotes(programmes)
        #expect(none.isEmpty)
        let evidence = "The poll shows the race tightening. Traffic data from the site shows that the outage was local."
        let (doc, quotes) = try await QuoteHarness.quotes(evidence)
        #expect(quotes.map { doc.fragments($0) } == [["the race tightening"], ["the outage was local"]])
    }

    @Test func aCueWordAfterAPrepositionIsANounWhoseSourceIsNotTheSubject() async throws {
        let (_, none) = try await QuoteHarness.quotes(
            "The move comes amid claims the poll could be marred by fraud. The minister shrugged off claims from Tom Price that he lied.")
        #expect(none.isEmpty)
        let (doc, quotes) = try await QuoteHarness.quotes("Many MPs have since indicated that the answer played a pivotal role.")
        #expect(quotes.map { doc.speaker($0) } == ["Many MPs"])
    }

    @Test func theSubjectOfACoordinatedCueEndsBeforeTheFirstVerbsObject() async throws {
        let text = "The Everton striker signed Morrison to his record label and claims he spent thousands on the album. "
            + "The federation considered taking action against him but concluded he had been overweight. "
            + "The England coach went further and claimed only one side was refereed."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.map { doc.speaker($0) } == ["The Everton striker", "The federation", "The England coach"])
    }

    @Test func aParticipleAfterAQuotationTakesTheSubjectOfTheVerbBeforeIt() async throws {
        let text = "But the new plane “is a niche player”, Mr Learmount continued, adding that range was not all airlines wanted."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let q = try #require(quotes.first { $0.rule.hasPrefix("reported-participle") })
        #expect(doc.fragments(q) == ["range was not all airlines wanted"])
        #expect(doc.speaker(q) == "Mr Learmount")
    }

    @Test func accordingToBeforeAndAfter() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes(
            "According to the agency, prices will rise next year.\n\nExports fell by a third, according to customs officials.")
        #expect(quotes.count == 2)
        #expect(doc.fragments(quotes[0]) == ["prices will rise next year"])
        #expect(doc.speaker(quotes[0]) == "the agency")
        #expect(doc.fragments(quotes[1]) == ["Exports fell by a third"])
        #expect(quotes.allSatisfy { $0.rule == "reported-according-to" })
    }

    @Test func nounsThatLookLikeCuesAreNot() async throws {
        let (_, quotes) = try await QuoteHarness.quotes("The report was published on Monday. Iran was listed by the United States as a sponsor.")
        #expect(quotes.isEmpty)
    }

    @Test func kindsOptionFiltersTheOutput() async throws {
        let text = "“We are ready,” Paul said. Mary said that the plan would work out fine."
        let (_, all) = try await QuoteHarness.quotes(text)
        #expect(Set(all.map(\.kind)) == [.direct, .indirect])
        let (_, direct) = try await QuoteHarness.quotes(text, options: try .decode(["kinds": ["direct"]]))
        #expect(direct.map(\.kind) == [.direct])
    }

    @Test func emptyKindsIsASetupError() {
        #expect(throws: SetupError.self) { try ExtractQuotes(options: try .decode(["kinds": []]), context: QuoteHarness.context) }
    }
}
