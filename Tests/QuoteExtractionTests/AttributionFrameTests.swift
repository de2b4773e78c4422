import PipelineKit
import Testing
@testable import QuoteExtraction

/// Attributions the cue lexicon does not list, found by their shape (issue 14): a quotation framed by a
/// short subject and a verb of its own, or by the verb and then the name; exclamations written twice; the
/// subject of a participle that is a person, not a time word. Every text is written for these tests.
@Suite struct AttributionFrameTests {
    @Test func descriptionWithAVerbOutsideTheLexiconIsTheSpeaker() async throws {
        let text = """
        Mary Okafor opened the meeting at nine. “Nobody expected the vote to go this way,” a delegate from Ohio grumbled.

        “Who will pay for the new roof?” an angry tenant wondered.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let first = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Nobody") })
        #expect(doc.speaker(first) == "a delegate from Ohio")
        #expect(doc.cue(first) == "grumbled")
        #expect(first.rule.hasPrefix("speaker-verb-after-quote"))
        let second = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Who will") })
        #expect(doc.speaker(second) == "an angry tenant")
        #expect(second.speakerName != "Mary Okafor")
    }

    @Test func nounLikeCueClosingTheFrameIsTheVerb() async throws {
        let text = """
        The group released its advertisement on Monday. “Nobody in this town is safe any more,” a voice-over in the ad states.

        Tom Brandt called the charity twice. “Nobody answered the phone,” the office manager reports.

        “We will look into it.” Council officials were unavailable for comment.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let ad = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Nobody in") })
        #expect(doc.speaker(ad) == "a voice-over in the ad")
        #expect(doc.cue(ad) == "states")
        let manager = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Nobody answered") })
        #expect(doc.speaker(manager) == "the office manager")
        // «unavailable for comment»: a noun after a preposition, in a sentence with a verb of its own.
        #expect(!quotes.contains { doc.cue($0) == "comment" })
    }

    @Test func longSubjectWithoutCommaAfterTheQuoteIsTheSpeaker() async throws {
        let text = """
        Ruth Ames spoke first. “We invited him to the office to talk” the paper’s deputy editor Jane Ruiz responded.

        “Nobody saw it coming.” Shares in the firm fell sharply after analysts said so.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We invited") })
        #expect(doc.speaker(q) == "the paper’s deputy editor Jane Ruiz")
        #expect(q.speakerName == "Jane Ruiz")
        // A new sentence with a verb and a clause of its own attributes nothing.
        #expect(!quotes.contains { doc.speaker($0) == "analysts" })
    }

    @Test func quotationAfterAnotherTakesTheCueItsSentenceRunsInto() async throws {
        let text = """
        Ruth Ames was not convinced. “Apparently not,” she said. “A leopard does not change its spots.”

        "We invited him to the office to talk" the paper's senior politics editor Jane Ruiz responded.

        “Nobody doubts it,” Ruiz added. “We will win.” The council said Mr Gray's plan would fail.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let editor = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We invited") })
        #expect(editor.speakerName == "Jane Ruiz")
        #expect(doc.cue(editor) == "responded")
        // After a full stop inside the marks, the next words start a sentence of their own: the quotation
        // goes on being Ruiz's, not the council's.
        let win = try #require(quotes.first { doc.text(of: $0.span).contains("We will win") })
        #expect(win.speakerName == "Jane Ruiz")
    }

    @Test func verbBeforeTheNameAfterTheQuoteAttributes() async throws {
        let text = """
        The mill closed in 1998. “The town never recovered from that winter,” remembered Alma Ruiz, a retired teacher.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The town") })
        #expect(doc.speaker(q) == "Alma Ruiz")
        #expect(doc.cue(q) == "remembered")
        #expect(q.rule.hasPrefix("verb-speaker-after-quote"))
    }

    @Test func verbFollowedByNoNameIsNoAttribution() async throws {
        // «printed on a poster»: a participle phrase after a quoted title, not a speaker frame.
        let text = "Jon Abbott designed the campaign. “Keep calm and carry on,” printed on a poster in 1939, became a slogan."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.cue($0) == "printed" })
    }

    @Test func repeatedExclamationMarksEndAQuotationAsOneDoes() async throws {
        let text = """
        “We are delighted with the result,” Tom Hale wrote.

        “Thank you for making it possible!!” Ruth Mbeki replied.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.count == 2)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Thank you") })
        #expect(doc.speaker(q) == "Ruth Mbeki")
        #expect(q.fragments.count == 1)
    }

    @Test func participleSubjectIsAPersonNotATimeWord() async throws {
        let text = "Hours later, Dana Whitfield returned the compliment, telling reporters, “She is a fine colleague and a friend.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("She is") })
        #expect(q.rule.hasPrefix("participle-before-quote"))
        #expect(doc.speaker(q) == "Dana Whitfield")
    }

    @Test func speakerNamedBeforeALongListStaysInFocus() async throws {
        // Hundreds of places between the speaker and her pronoun: the look-back walks people, not every mention.
        let places = Array(repeating: "Paris, Lyon, Nice, Lille", count: 200).joined(separator: ", ")
        let text = "Mary Jones has toured \(places) and Rome. She said, “Every city taught me something new about the trade.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(doc.entities.count > 450)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Every city") })
        #expect(doc.speaker(q) == "She")
        #expect(q.speakerName == "Mary Jones")
    }
}

/// Paragraphs separated by a single line break (issue 14): a sentence that reports something of its own in
/// the next paragraph is not the attribution of the quotation before it.
@Suite struct SingleLineBreakParagraphTests {
    @Test func aReportInTheNextLineParagraphDoesNotAttributeTheQuotation() async throws {
        let text = """
        Asked about lawsuits against the police, the governor said families of people hurt in arrests can go to court.
        “They sue,” he said. “Everybody sues, right?”
        Later, Senator Ruth Alvarez claimed that young Muslims in her state face no discrimination at all in their schools.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.fragments($0).contains { $0.hasPrefix("Everybody") } })
        #expect(doc.speaker(q) == "he")
        #expect(q.speakerName != "Ruth Alvarez")
    }

    @Test func anOpeningMarkTypedAsAClosingMarkClosesTheQuotation() async throws {
        // «…fascist?“ he asked»: the mark is glued to the question and followed by a space, so it closes it.
        let text = """
        Pia Holm was not impressed. “Do you really want to be linked with that group?“ she asked.

        “No, I want to be linked with good ideas,” Tom Reyes replied.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let question = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Do you") })
        #expect(doc.text(of: question.span) == "Do you really want to be linked with that group?")
        #expect(doc.speaker(question) == "she")
        #expect(question.speakerName == "Pia Holm")
        let answer = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("No, I") })
        #expect(answer.speakerName == "Tom Reyes")
    }

    @Test func writtenAndChantedAreCues() async throws {
        let text = """
        In the first draft, the aides had written, “The governor thanked the mayor for his patience.”

        The fans marched to the ground while chanting, “We want our club back.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let draft = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The governor") })
        #expect(doc.speaker(draft) == "the aides")
        #expect(doc.cue(draft) == "written")
        let chant = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We want") })
        #expect(doc.speaker(chant) == "The fans")
        #expect(doc.cue(chant) == "chanting")
    }

    @Test func aPersonNamedAfterAnOrganisationInALongPhraseSpeaks() async throws {
        let text = "“We stand by every word of the story,” the Gazette's senior politics editor Maria Lopez said."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Maria Lopez")
    }

    @Test func aStatementReadAndANameWithARoleAfterAFullStopAttribute() async throws {
        let text = """
        Profits fell again. “We think the market has got ahead of the firm this quarter.” said Lund Partners analyst Maria Ekberg.

        The rapper was criticised after a show in April. “The complaints about the broadcast were upheld after a review.” a BBC statement read.

        A statement from Dunmore Rovers explaining the decision read: “We have a zero tolerance policy towards drugs.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let market = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We think") })
        #expect(market.speakerName == "Maria Ekberg")
        let complaints = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The complaints") })
        #expect(doc.speaker(complaints) == "a BBC statement")
        let policy = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We have") })
        #expect(doc.speaker(policy) == "A statement from Dunmore Rovers")   // not «the decision»
    }

    @Test func aVerbWithAParticleBeforeAColonEndsTheSubject() async throws {
        let text = "Mr Hale said the plan was a mess. The Tory leader went on: “He does not stop there: he thinks the culture secretary is weak.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("He does") })
        #expect(doc.speaker(q) == "The Tory leader")
    }

    @Test func aParticipleWithoutACommaIsTheSubjectsUnlessAPersonStandsBeforeIt() async throws {
        let text = """
        Greta Lind appeared not to have enjoyed her time in the house saying: “It was the hardest week of my life.”

        The advert ends with footage of Tom Voss saying during the debate, “That makes me smart,” before the music.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let house = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("It was the hardest") })
        #expect(doc.speaker(house) == "Greta Lind")
        let smart = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("That makes") })
        #expect(doc.speaker(smart) == "Tom Voss")
    }

    @Test func aBareAttributionHasNoCommaBeforeItsCue() async throws {
        let text = """
        Senior party figures believe they are gaining ground. “We are finally connecting with ordinary voters on the doorstep.” This, they say, contrasts with the other side's campaign.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We are finally") })
        #expect(doc.speaker(q) != "This")
    }

    @Test func aParticipleAfterAQuotationSpanningSentencesIsTheFiniteCuesSubject() async throws {
        let text = """
        Ada Moor said she felt they were saying, “We’re safe now. It’s over,” adding, “And this wasn’t the time to relax. It was the time to double up.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("And this") })
        #expect(doc.speaker(q) == "Ada Moor")
        #expect(q.rule.hasPrefix("participle-before-quote"))
    }

    @Test func aPresentVerbBeforeTheSpeakerAfterTheQuoteAttributes() async throws {
        let text = """
        Traders hope the talks will last. "You can call it a peace dividend," smiles one broker. "Let us see how long it lasts."

        "It was frightening at the time," laughs Rosa Lind.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let broker = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("You can") })
        #expect(doc.speaker(broker) == "one broker")
        #expect(doc.cue(broker) == "smiles")
        let lind = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("It was") })
        #expect(doc.speaker(lind) == "Rosa Lind")
        // «"…," reads like a novel.»: no description after the verb, no attribution.
        let (_, none) = try await QuoteHarness.quotes("\"It all went wrong,\" reads like a confession.", entities: true)
        #expect(!none.contains { $0.rule.hasPrefix("verb-speaker-after-quote") })
    }

    @Test func aLongLowerCaseRoleBeforeTheNameStillGivesTheSpeaker() async throws {
        let text = """
        Analysts at Ovum welcomed the move.

        "The big question is whether the regulator thinks it goes far enough. Now the real negotiation begins," director of telecoms research Tom Lavery said.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The big question") })
        #expect(q.kind == .direct)
        #expect(q.rule.hasPrefix("speaker-cue-after-quote"))
        #expect(doc.speaker(q)?.hasSuffix("Tom Lavery") == true)
        #expect(q.speakerName == "Tom Lavery")
    }
}
