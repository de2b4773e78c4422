import PipelineKit
import Testing
@testable import QuoteExtraction

/// Frames found on articles no rule had been written from (issue 14, fifth round): a quote box signed inside
/// its marks, «as X put it», an absolute phrase «with X asking», «… and joked» after a noun phrase, a cue that
/// introduces the quotation rather than the one after it, a person named before a colon, and a speaker with a
/// long name, a peer named after a place; titles, ages and roles around a name, a reactions list. Every text is
/// written for these tests.
@Suite struct QuoteBoxAndFrameTests {
    @Test func quoteBoxSignedOnItsLastLineIsTheSignersQuotation() async throws {
        let text = """
        Budgets are back at the centre of the race.

        "I worry that we will see a return of the old arguments about debt as the campaign goes on.
        Ruth Calder, Institute for Budget Studies."

        The candidates disagree about almost everything else.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I worry") })
        #expect(doc.speaker(q) == "Ruth Calder")
        #expect(q.rule.hasPrefix("signature-after-quote"))
        // The signature is no part of what was said.
        #expect(doc.text(of: q.span) == "I worry that we will see a return of the old arguments about debt as the campaign goes on.")
    }

    @Test func quoteBoxSignedInItsOwnParagraphIsTheSignersQuotation() async throws {
        // Paragraphs one line each: the signature line is a paragraph of its own, ending in the stray closing mark.
        let text = """
        Ann Mercer spoke first at the hearing on Monday.
        “The rules were written for another century,” Mercer said.
        "Nobody expected a candidate to know so little about the job. You assume some knowledge of policy.
        Colin Ashby, Centre for Public Service scholar, on the campaign."
        For decades consultants have sold candidates on charm.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Nobody expected") })
        #expect(doc.speaker(q) == "Colin Ashby")
        #expect(q.speakerName != "Ann Mercer")
    }

    @Test func aParagraphOpeningWithANameAndAVerbIsNoSignature() async throws {
        let text = """
        "We will not give up on the plan. It is too important for the town.
        Ruth Calder, the mayor, said on Monday."
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { $0.rule.hasPrefix("signature-after-quote") })
    }

    @Test func asSomeonePutItIsACueBeforeAndAfterTheQuotation() async throws {
        let text = """
        Voters in the suburbs were angry this week. As one analyst put it, “The party has lost its way and it knows it.”

        “The party has forgotten the suburbs,” as Dana Whitfield put it.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let before = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The party has lost") })
        #expect(doc.speaker(before) == "one analyst")
        #expect(doc.cue(before) == "put it")
        let after = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The party has forgotten") })
        #expect(doc.speaker(after) == "Dana Whitfield")
    }

    @Test func theSubjectOfPutItSpeaksNotTheItAfterIt() async throws {
        let text = "Repairs take time. As Gavin Marsh of the excellent fixityourself.org.uk website put it: \"It will be tough to build anything as compact.\""
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Gavin Marsh")
    }

    @Test func theNounOfAnAbsolutePhraseSpeaksItsParticiple() async throws {
        let text = """
        Judge Karen Holt tried to tie her rival to the governor, with one of her ads asking, “Is he independent enough to serve on the court?”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "one of her ads")
        #expect(q.speakerName != "Karen Holt")
    }

    @Test func aStatementIssuedWithTheSubjectStaysTheSubjects() async throws {
        let text = """
        The board has confirmed that the bidder is back, with a statement issued on Sunday reading: "The board can confirm it has received a detailed proposal."
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { $0.kind == .direct })
        #expect(doc.speaker(q) != "a statement issued on Sunday")
    }

    @Test func aCoordinatedCueAfterANounPhraseKeepsTheSentenceSubject() async throws {
        let text = "Tom Reyes walked on stage. He then put on a fake Texan drawl and joked, “I am just going to make it easier for them.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "He")
        #expect(q.speakerName == "Tom Reyes")
    }

    @Test func aCueThatIntroducesTheQuotationWinsOverOneIntroducingTheNext() async throws {
        let text = """
        Pastor Hale took questions from the floor. When someone in the crowd shouted, “Reed,” Hale joked, again using his stage voice, “Amen, sister! Come on up!”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let shout = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Reed") })
        #expect(doc.speaker(shout)?.hasSuffix("crowd") == true)
        let reply = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Amen") })
        #expect(doc.speaker(reply) == "Hale")
    }

    @Test func aTrailingFragmentWithItsOwnCueStillTakesTheCueAfterIt() async throws {
        // «“A,” Paul said, “B.”» with no cue before the first part: both parts are Paul's.
        let text = "Paul Stern was blunt. “We have no choice,” Stern said, “and we never did.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We have") })
        #expect(doc.speaker(q) == "Stern")
    }

    @Test func aPersonBeforeTheColonSpeaksWhenTheSubjectNamesNobody() async throws {
        let text = """
        The scale of the defeat does not surprise Democratic strategist Paul Denton: “Parties that lose the suburbs lose everything in the end.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Paul Denton")
    }

    @Test func aPersonSubjectBeforeTheColonKeepsTheQuotation() async throws {
        let text = "Senator Ruth Abbott attacked Governor Paul Denton: “He has failed the suburbs.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.speakerName == "Ruth Abbott")
    }

    @Test func aSpeakerWithALongNameAfterTheQuotationAttributes() async throws {
        let text = """
        “The reactor could produce far more fuel than anyone expected,” energy analysts Mark Ellison and Dana Whitfield of the Boston Institute for Energy and Climate Security wrote in March.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.rule.hasPrefix("speaker-cue-after-quote"))
        #expect(doc.speaker(q)?.contains("Mark Ellison") == true)
    }

    @Test func aQuotationAfterAStatementWasIssuedIsTheIssuers() async throws {
        let text = """
        Rosa Lind chaired the party until July.

        The party issued a statement apologizing to Senator Hale for the emails, which mocked his faith.

        “On behalf of everyone at the party, we want to offer a deep and sincere apology to Senator Hale.”

        “It should never have happened,” Lind said on Friday.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let apology = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("On behalf") })
        #expect(doc.speaker(apology) == "The party")
        #expect(apology.rule.hasPrefix("statement-before-quote"))
        let lind = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("It should") })
        #expect(lind.speakerName == "Rosa Lind")
    }

    @Test func aTextThatBeginsOrGoesWithAQuotationSaysIt() async throws {
        let text = """
        Dana Pike drafted the note for her boss. The email began, “The president-elect was warmly received today at the White House.”

        The crowd grew louder. The chant goes: “Lock them up, lock them all up!”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let email = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The president-elect") })
        #expect(doc.speaker(email) == "The email")
        #expect(email.speakerName != "Dana Pike")
        let chant = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Lock them") })
        #expect(doc.speaker(chant) == "The chant")
    }

    @Test func aPeerNamedAfterAPlaceSpeaksNotThePlace() async throws {
        let text = """
        The law lords ruled against the government. Lord Nicholls of Birkenhead, in his ruling, said: "Indefinite imprisonment without charge or trial is anathema in any country."
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.speakerName == "Lord Nicholls")
    }

    @Test func aTitleWithLinkWordsBeforeTheNameGivesThePerson() async throws {
        let text = """
        "The US is not convinced that this is the way to do it," said Treasury Under Secretary John Tayler.

        "It is in a recovery stage," said Economic and Fiscal Policy Minister Heizo Takenaka.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let us = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The US") })
        #expect(us.speakerName == "John Tayler")
        let stage = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("It is in") })
        #expect(stage.speakerName == "Heizo Takenaka")
    }

    @Test func anAgeInCommasAfterTheNameIsNoSpeaker() async throws {
        let text = "Fans queued for hours. Stephen Dowling, 26, from Wales, said after the speech: \"He was brilliant today.\""
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Stephen Dowling")
    }

    @Test func aPartyAndAHyphenatedRoleLeadToThePerson() async throws {
        let text = """
        Conservative co-chairman Liam Fawley derided the speech, saying: "The show of unity was the worst acting I have seen."

        Rovers boss Martin Allen was blunt, adding: "After conceding eight goals in three matches, I am not happy."
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.count == 2)
        #expect(quotes.first?.speakerName == "Liam Fawley")
        #expect(quotes.last?.speakerName == "Martin Allen")
    }

    @Test func aReactionsListHeadedByNamesGivesEachQuotationItsSpeaker() async throws {
        let text = """
        Dyer smashed the ball past the keeper from six yards.

        - Bolton boss Sam Allardyce "I am bitterly disappointed with the result, but more with the second half."
        - Newcastle boss Graeme Souness "We deserved the win. We had a really good second half."
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let first = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I am bitterly") })
        #expect(first.kind == .direct)
        #expect(first.speakerName == "Sam Allardyce")
        let second = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We deserved") })
        #expect(second.speakerName == "Graeme Souness")
        // A name before a quoted predicate is no label.
        let (predicateDoc, predicate) = try await QuoteHarness.quotes("Barack Obama \"has no idea what he is doing,\" the senator said.", entities: true)
        let said = try #require(predicate.first)
        #expect(predicateDoc.speaker(said) == "the senator")
    }

    @Test func aSubjectInTheProgressiveSpeaksTheQuotationClosingItsSentence() async throws {
        let text = """
        Senator Ruth Abbott is questioning whether the governor would have attended the service "if it were held in a mosque."
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.speakerName == "Ruth Abbott")
        #expect(q.rule.hasPrefix("subject-mixed"))
    }

    @Test func anInvertedCueBeforeAColonIsNoPartOfTheName() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Dana Pike and Paul Hale spoke. Said Hale: \"I have no regrets about the campaign.\"", entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Hale")
        #expect(doc.cue(q) == "Said")
    }

    @Test func aNameInAppositionAfterAnInvertedRoleSpeaks() async throws {
        let text = """
        Dana Pike toured Iowa. "The senator has no comment," said Pike's spokeswoman, Maria Lopez.

        "There is no technical reason for it," said RNID technology director, Guido Gybels.

        "Those who respond to such adverts will lose money," said Alyn Hockey, Clearswift's director of research.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let lopez = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The senator") })
        #expect(lopez.speakerName == "Maria Lopez")
        let gybels = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("There is") })
        #expect(gybels.speakerName == "Guido Gybels")
        let hockey = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Those who") })
        #expect(doc.speaker(hockey) == "Alyn Hockey")
    }

    @Test func oneOfAGroupNamedInAppositionAfterTheCueIsTheSpeaker() async throws {
        let text = """
        "A ruling is now expected by the middle of March," said one of their lawyers, Petros Kalamaris.

        "We are sure the court will see it our way," said two of the fans outside.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let named = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("A ruling") })
        #expect(named.speakerName == "Petros Kalamaris")
        let fans = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We are sure") })
        #expect(doc.speaker(fans) == "two of the fans")
    }
}
