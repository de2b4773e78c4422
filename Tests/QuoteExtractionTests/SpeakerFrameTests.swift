import PipelineKit
import Testing
@testable import QuoteExtraction

/// Who speaks a direct quotation when the words beside it hold more than a name and a verb (issue 14): the
/// sentence's subject behind an opening adverbial, a quotation ending inside a nested one, a name after
/// the quotation where it could continue the previous speaker's, an appositive between name and cue, and
/// the addressee of "asking her". Every text is written for these tests.
@Suite struct SpeakerFrameTests {
    @Test func punctuationInsideANestedQuotationStillEndsTheOuterOne() async throws {
        let text = """
        “We stand together on this,” Joan Pryce, 57, told a passer-by. “We are like ‘salt and pepper,’” he explained with a smile.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We are like") })
        #expect(doc.speaker(q) == "he")
        #expect(doc.cue(q) == "explained")
    }

    @Test func aNameAfterTheQuotationBeatsContinuingThePreviousSpeaker() async throws {
        let text = """
        “Look at all these people queueing in the rain,” Lena Ostrova said with a grin, looking over at Marco.

        “They only came because the tickets are free today,” Marco Bellini shot back with a laugh.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("They only") })
        #expect(doc.speaker(q) == "Marco Bellini")
        #expect(!q.rule.contains("continuation"))
    }

    @Test func anAppositiveBetweenNameAndCueKeepsTheCueInReach() async throws {
        let text = """
        “The result is weaker than our autumn figures,” pollster Ann Viljoen, part of the team that ran the survey for the station, told the broadcaster. “It does not mean the gap cannot close.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The result") })
        #expect(doc.speaker(q)?.hasSuffix("Ann Viljoen") == true)
        #expect(doc.cue(q) == "told")
        #expect(q.fragments.count == 2)
    }

    @Test func theParticipleBelongsToTheSubjectNotToANameInTheObject() async throws {
        let text = """
        Dr Okoro did not seem impressed with Lindqvist’s comments on Tuesday, telling reporters, “Many people said the board should resign.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Many people") })
        #expect(doc.speaker(q)?.hasSuffix("Okoro") == true)
    }

    @Test func theSubjectComesAfterAnOpeningPhraseOrClause() async throws {
        let text = """
        In a long, in-person interview with journalist Petra Voss last year, Imre Balogh said he welcomed the ruling and added, “I will appeal, no problem.”

        When I asked Gareth Lyle whether he would stand again, he looked into the camera, raised his eyebrows and said, “I am going to stand for every seat!”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let first = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I will appeal") })
        #expect(doc.speaker(first) == "Imre Balogh")
        let second = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I am going") })
        #expect(doc.speaker(second) == "he")
    }

    @Test func theAddresseeOfAskingIsNotTheSpeaker() async throws {
        let text = "Nadia Ferro sang to the mayor before asking her, “Where do we go from here, after all this?”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Where do") })
        #expect(doc.speaker(q) != "her")
        #expect(q.speakerName == "Nadia Ferro")
    }

    @Test func aNounThatLooksLikeACueIsNotTheVerbOfTheParticiple() async throws {
        let text = "Although he thanked the volunteers, he sounded a rare note of doubt, saying, “I am not sure we deserve it.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I am not sure") })
        #expect(doc.speaker(q) == "he")
    }

    @Test func anInvertedAttributionCarriesIntoTheNextQuotation() async throws {
        let text = """
        “Having two people who understand the file is valuable,” said Bill Skerrit, explaining he worked closely with Brandt, who cleaned the voter data: “Vito is outstanding with data.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Vito") })
        #expect(doc.speaker(q)?.hasSuffix("Skerrit") == true)
    }

    @Test func aQuestionWordIsNoSpeaker() async throws {
        let text = "Many voters disliked the phrase. Why not just say: “They will go home the way they came”?"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.speaker($0) == "Why" })
    }

    @Test func aCueInsideARelativeClauseIsNotTheSentences() async throws {
        let text = """
        Harlan Voigt grew defensive about not paying an architect who said he was never paid for the clubhouse, saying, “Maybe he did not do a good job.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Maybe") })
        #expect(doc.speaker(q) == "Harlan Voigt")
    }

    @Test func aCueWordAfterADeterminerIsANoun() async throws {
        let text = """
        Governor Ellis offered a Twitter-style retort on the rival’s favourite medium, tweeting at him, “You are not just a loser, you are a whiner.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("You are not") })
        #expect(doc.speaker(q)?.hasSuffix("Ellis") == true)
    }

    @Test func aNameInAppositionToADescribedSubjectSpeaks() async throws {
        let text = "The producer I was talking to, Nora Quist, interrupted me in mid-sentence to announce, “And there goes the whole series.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("And there") })
        #expect(doc.speaker(q) == "Nora Quist")
    }

    @Test func aLowerCaseRoleWithOfBeforeTheNameIsPartOfTheSpeaker() async throws {
        let text = """
        “Thanks, Millbrook, for welcoming these families,” said master of ceremonies Ayo Bankole, a local engineer. “No thanks to the council,” he added.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Thanks") })
        #expect(doc.speaker(q)?.hasSuffix("Ayo Bankole") == true)
        #expect(q.speakerName == "Ayo Bankole")
    }

    @Test func anOfficeWithLowerCaseLinkWordsBeforeTheNameIsPartOfTheSpeaker() async throws {
        let text = """
        “Exports are weak this winter,” said Secretary of State for Trade Ann Hale. “We must not pretend otherwise,” \
        said Chancellor of the Exchequer Tom Brandt.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.map(\.speakerName) == ["Ann Hale", "Tom Brandt"])
        #expect(doc.speaker(quotes[1]) == "Chancellor of the Exchequer Tom Brandt")
    }

    @Test func aSourceNamedByAccordingToSpeaksTheQuotationAfterTheColon() async throws {
        let text = """
        According to Ruth Adler, a partner at the consultancy, the move abroad has one clear upside: “One bad \
        season in one market will not sink the firm any more.”
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { $0.kind == .direct })
        #expect(q.speakerName == "Ruth Adler")
        #expect(q.rule == "according-to-before-quote")
    }

    @Test func anInvertedSaidIsNoPartOfTheResolvedName() async throws {
        let text = """
        Analyst Ian Morrow watched the launch. Said Mr Morrow: “It is very much a computer, and a good one.”
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { $0.kind == .direct })
        #expect(q.speakerName == "Ian Morrow")
    }

    @Test func aTimeOpeningTheNextSentenceIsNoNameAfterTheQuotation() async throws {
        let text = """
        “We will fight this in the courts,” said club chairman Roy Dunmore. “This is a big issue for the whole \
        league,” On Wednesday, a fresh hearing was held.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.speaker($0) == "On Wednesday" })
    }

    @Test func aConjunctionOpeningTheSentenceIsNoAdverbialToSkipToTheComma() async throws {
        let text = """
        Coach Luis Moreno never managed the rival club. But he is not envious, insisting: “We have our own history to \
        write.”
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { $0.kind == .direct })
        #expect(q.speakerName == "Luis Moreno")
    }

    @Test func aShowNamedInTheAttributionDoesNotTakeTheSpeakersPlace() async throws {
        let text = """
        “It is too early to tell,” said Marcus Wylde, who is also a host on the TV show “Money Talks.” “I mean, it depends on who wins and on what happens with the economy.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.speaker($0) == "TV" })
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I mean") || doc.fragments($0).contains { $0.hasPrefix("I mean") } })
        #expect(q.speakerName == "Marcus Wylde")
    }

    @Test func aDashedSignatureParagraphSignsTheQuotationAboveIt() async throws {
        let text = """
        “Great speech. She is tested. She is ready. She never quits.”

        — Senator Ruth Calloway, writing after the speech.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Great speech") })
        #expect(doc.speaker(q)?.hasSuffix("Ruth Calloway") == true)
        #expect(q.rule.hasPrefix("dash-after-quote"))
    }

    @Test func aQuestionOpenedByItsCueKeepsThatCue() async throws {
        let text = "Rhodes replies to Kemp with, “Why now? Was that on my way to Lagos?” Kemp then writes back, “You look well.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Why now") })
        #expect(doc.speaker(q) == "Rhodes")
        let reply = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("You look") })
        #expect(doc.speaker(reply) == "Kemp")
    }

    @Test func aVerbWithAParticleBeforeTheQuotationAttributes() async throws {
        let text = "Mr Hale filed his forms on time. But as the Gazette pointed out, “Still, he has so far declined to release any tax returns at all.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Still") })
        #expect(doc.speaker(q)?.hasSuffix("Gazette") == true)
    }

    @Test func aRelativeClauseClosingTheAppositiveLeavesThePersonSpeaking() async throws {
        let text = """
        Nick Dawes, spokesman for the ruling body the IAAF, which handed out the bans, said: “We cannot comment because we were not at the hearing.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Nick Dawes")
    }

    @Test func aCueFollowedByANameAndItsClauseIsNoAttributionOfTheQuotationBefore() async throws {
        let text = """
        The new inspector, Anna Brook, was chosen on Monday. She promised that pupils would be heard.

        “I will be drawing on my experience of working with young people. “I want all pupils to know that they can approach me.” Education Secretary Ruth Kell said Ms Brook would “strengthen the voice of pupils”.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I will be") })
        #expect(q.speakerName == "Anna Brook")
        let reported = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Ms Brook would") })
        #expect(reported.speakerName == "Ruth Kell")
        // A bare attribution with a capitalized addressee still counts.
        let told = try await QuoteHarness.quotes("“We will not give up on this.” Maria Lund told Reuters on Friday.", entities: true)
        #expect(told.1.first.map { told.0.speaker($0) } == "Maria Lund")
    }

    @Test func whoWasToldIsTheAddresseeNotTheSpeaker() async throws {
        let text = """
        Gordon Bright and Tom Blake met in 2003. In Mr Pelham's book Mr Bright is alleged to have told the prime minister: “There is nothing you could ever say to me now that I could ever believe.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Bright")
        #expect(q.speakerName == "Gordon Bright")
    }
}
