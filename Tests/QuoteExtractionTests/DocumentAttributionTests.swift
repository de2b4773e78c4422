import PipelineKit
import Testing
@testable import QuoteExtraction

/// The document-level speaker model: one test per family of quotations a reader attributes from what came
/// before (issue 14). Every text is written for these tests.
@Suite struct DocumentAttributionTests {
    // 1. A quotation with no cue continues the speaker's quotes.
    @Test func quotationWithoutCueBelongsToTheSpeakerInFocus() async throws {
        let text = """
        Ann Reed ran the search team for eleven years. “We trained every volunteer ourselves,” she said.

        The dogs found the missing walkers within two hours.

        “They knew exactly what to look for.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("They knew") })
        #expect(q.kind == .direct)
        #expect(q.speakerName == "Ann Reed")
        #expect(q.rule == "speaker-in-focus")
    }

    @Test func onlyCuedDropsQuotationsWithoutACue() async throws {
        let text = "“We trained every volunteer ourselves,” Ann Reed said.\n\nThe dogs came back.\n\n“They knew exactly what to look for.”"
        let (_, all) = try await QuoteHarness.quotes(text)
        let (_, cued) = try await QuoteHarness.quotes(text, options: try .decode(["only_cued": true]))
        #expect(all.count == 2)
        #expect(cued.count == 1)
        #expect(cued.allSatisfy { $0.rule != "speaker-in-focus" })
    }

    // A sentence that frames its quotation in words no rule reads often names someone else: no guess there.
    @Test func quotationInsideASentenceNoRuleReadsIsNotGivenToTheSpeakerInFocus() async throws {
        let text = """
        Ann Reed, the festival's director, opened the evening with a short speech about the programme.

        "It was, as always, careful and entirely deliberate," was the verdict of one critic in the front row.

        "We chose every film for its audience."
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.text(of: $0.span).hasPrefix("It was, as always") && $0.speakerName == "Ann Reed" })
        // A quotation that is a sentence of its own still continues the speaker in focus.
        let own = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We chose") })
        #expect(own.speakerName == "Ann Reed")
        #expect(own.rule == "speaker-in-focus")
    }

    // 6. A name inside the quotation is not its speaker: the subject it talks about gives way to the one talking.
    @Test func personTheQuotationTalksAboutIsNotItsSpeakerInFocus() async throws {
        let text = """
        “We will pick the squad on form alone,” said coach Daniel Moss.

        Winger Peter Lund looks certain to be named, provided his ankle heals in time. “Every player earns his place \
        and Peter Lund has earned his twice over this season.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Every player") })
        #expect(q.rule == "speaker-in-focus")
        #expect(q.speakerName == "Daniel Moss")
    }

    @Test func aPronounSpeakerIsNotThePersonWhatHeSaidIsAbout() async throws {
        let text = """
        Former chief executive Bernie Ebers denied the charges on Tuesday. He rejected claims that he pressured \
        finance chief Scott Sullivan. Mr Sullivan "made the accounting decisions," he told the court.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Mr Sullivan") })
        #expect(q.speakerName == "Bernie Ebers")
    }

    // Speech reported inside a quotation belongs to that quotation; the focus stays with the one quoted.
    @Test func speechReportedInsideAQuotationLeavesTheFocusWithItsSpeaker() async throws {
        let text = """
        Coach Daniel Moss met the captains on Monday. “Sarah Hill told me the younger players had impressed her, \
        and I will take her advice.”

        The squad flies out on Friday.

        “I am told the squad should be fit by March.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let nested = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the younger players") })
        #expect(nested.speakerName == "Sarah Hill")
        let next = try #require(quotes.first { $0.kind == .direct && doc.text(of: $0.span).hasPrefix("I am told") })
        #expect(next.speakerName == "Daniel Moss")
        // The "I" who was told is the one quoted, not Sarah Hill.
        let told = try #require(quotes.first { $0.kind == .indirect && doc.text(of: $0.span).hasPrefix("the squad should") })
        #expect(told.speakerName == "Daniel Moss")
    }

    @Test func quotationWithNobodyInFocusKeepsNoSpeaker() async throws {
        let (_, quotes) = try await QuoteHarness.quotes("“Nobody expected the river to rise this fast in a single night.”\n\nThe water fell by Sunday.")
        let q = try #require(quotes.first)
        #expect(q.speaker == nil && q.speakerName == nil)
        #expect(q.rule == "no-attribution")
    }

    // 2. A quotation running over paragraphs, with the breaks kept and with them lost.
    @Test func quotationOverParagraphsIsOneQuote() async throws {
        let text = """
        Campaigner Lucy Amos said: “Pay gaps limit what women can achieve.

        “It is simply wrong to assume the market will close them.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.count == 1)
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["Pay gaps limit what women can achieve.", "It is simply wrong to assume the market will close them."])
        #expect(q.speakerName == "Lucy Amos")
    }

    @Test func quotationWhoseParagraphBreaksWereLostIsStillOneQuote() async throws {
        let text = "Campaigner Lucy Amos said: “Pay gaps limit what women can achieve. “It is simply wrong to assume the market will close them.” The report is due in May."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let q = try #require(quotes.first { $0.kind == .direct })
        #expect(doc.fragments(q) == ["Pay gaps limit what women can achieve.", "It is simply wrong to assume the market will close them."])
        #expect(doc.speaker(q) == "Campaigner Lucy Amos" || doc.speaker(q) == "Lucy Amos")
    }

    // 3. Appositions and titles.
    @Test func nameInAppositionAfterADescriptionIsTheSpeaker() async throws {
        for entities in [false, true] {
            let (doc, quotes) = try await QuoteHarness.quotes(
                "“Ticket sales doubled this year,” the festival's director in Kenya, Mary Otieno, told reporters.", entities: entities)
            let q = try #require(quotes.first)
            #expect(doc.speaker(q) == "Mary Otieno", "entities: \(entities)")
        }
        let (_, quotes) = try await QuoteHarness.quotes(
            "Minister for the Environment, John Hale, said the coastal path would reopen in spring.", entities: true)
        #expect(quotes.first?.speakerName == "John Hale")
    }

    @Test func personBeforeTheBodyHeSpeaksForIsTheSpeaker() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Tom Price, Leeds Traders Association said the new parking charges would empty the high street.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Tom Price")
    }

    @Test func titleIsNotPartOfTheResolvedName() async throws {
        for entities in [false, true] {
            let (_, quotes) = try await QuoteHarness.quotes("MP Jane Okello told parliament the ferry contract had been signed in secret.", entities: entities)
            #expect(quotes.first?.speakerName == "Jane Okello", "entities: \(entities)")
        }
    }

    // 4. Roles and short names resolve to the person named earlier.
    @Test func roleAndShortNamesResolveToThePersonNamedEarlier() async throws {
        let text = """
        The Archbishop of Wexford, Peter Lund, opened the new shelter on Monday.

        “Nobody should sleep outside in this city,” the Archbishop said.

        Businessman Sir Alan Marsh paid for the building. “It was the least I could do,” Sir Alan added.

        The council leader, Vijay Rao, promised more beds. “We will double the places by next winter,” Mr Rao said.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        func speaker(of s: String) -> String? { quotes.first { doc.text(of: $0.span).contains(s) }?.speakerName }
        #expect(speaker(of: "Nobody should sleep") == "Peter Lund")
        #expect(speaker(of: "the least I could do") == "Alan Marsh")
        #expect(speaker(of: "double the places") == "Vijay Rao")
    }

    @Test func bodyIsItsOwnSpeakerNotAPersonNamedNearIt() async throws {
        let text = """
        Manager Sam Oduya has run the club since 2019.

        “Any board has to consider a fair offer,” a source at the club said.
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.speakerName != "Sam Oduya")
    }

    @Test func roleResolvesToThePersonNamedWithItLater() async throws {
        let text = """
        The home secretary said the inquiry would report in June.

        Opposition members wrote to Home Secretary Clara Bellamy on Friday.
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.first?.speakerName == "Clara Bellamy")
    }

    @Test func shortNamesResolveWithoutAnEntityLayer() async throws {
        let text = """
        “We will double the places,” said Vijay Rao, the council leader.

        “The money is there,” Mr Rao said.
        """
        let (_, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.map(\.speakerName) == ["Vijay Rao", "Vijay Rao"])
    }

    // 5. Pronouns across paragraphs go to the person in focus, not the last name mentioned.
    @Test func pronounResolvesToTheSpeakerInFocusNotANameInPassing() async throws {
        let text = """
        “The harbour will be dredged this summer,” Bill Hale said on Friday.

        He thanked Environment Minister Greg Short for the grant, which arrived in March.

        “Without it the fishing fleet would have gone,” he told the conference.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Without it") })
        #expect(doc.speaker(q) == "he")
        #expect(q.speakerName == "Bill Hale")
    }

    @Test func pronounWithNobodyToReferToStaysUnresolved() async throws {
        let text = "The bridge closed for repairs in June.\n\n“It will take a year at least,” she said."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "she")
        #expect(q.speakerName == nil)
    }

    // 6. What was said is not who said it; a quoted name is not the speaker.
    @Test func utteranceResolvesToItsOwner() async throws {
        let text = """
        “The ward loses money every month,” Carol Mendes said.

        Her advice to the board was: “Close the ward before winter, not after.”

        The finance committee's report said the ward cost twice what it earned.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let advice = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Close the ward") })
        #expect(advice.speakerName == "Carol Mendes")
        let report = try #require(quotes.first { doc.text(of: $0.span).contains("twice what it earned") })
        #expect(report.speakerName == "The finance committee")
    }

    @Test func nameInsideTheQuotationIsNeverItsSpeaker() async throws {
        let text = """
        Rosa Ferri runs the bakery. “Dan Kelly told us to close, but we stayed open,” she said.

        The bakery kept its doors open all week.

        “Even Dan Kelly came in for bread the next day.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.count == 2)
        #expect(quotes.allSatisfy { $0.speakerName == "Rosa Ferri" }, "\(quotes.map { ($0.speakerName, doc.text(of: $0.span)) })")
    }

    // 7. Quoted phrases inside a noun phrase are the subject's mixed quotes.
    @Test func quotedPhrasesAfterAnEvaluativeVerbAreMixedQuotes() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes(
            "Critic Helen Dray called the film a “fine thriller” but “poor history” in her review.", entities: true)
        let q = try #require(quotes.first)
        #expect(q.kind == .mixed)
        #expect(doc.text(of: q.span) == "the film a “fine thriller” but “poor history”")
        #expect(q.speakerName == "Helen Dray")

        let (doc2, quotes2) = try await QuoteHarness.quotes("The opposition dismissed the plan as “desperate”.")
        let p = try #require(quotes2.first)
        #expect(p.kind == .mixed)
        #expect(doc2.speaker(p) == "The opposition")
    }

    @Test func quotedTitleWithoutSpeakerIsNoQuote() async throws {
        let (_, quotes) = try await QuoteHarness.quotes("The band played “Blue Water” twice on Saturday night.", options: try .decode(["kinds": ["direct", "mixed"]]))
        #expect(quotes.isEmpty)
    }

    // 8. A dateline is not part of the report.
    @Test func reportedSpeechInALeadParagraphStartsAfterTheDateline() async throws {
        let text = "KISUMU, Kenya — Fishing on the lake will resume next week after the storms, regional governor Ruth Achieng said on Tuesday."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.text(of: q.span).hasPrefix("Fishing on the lake"))
    }

    // 5. The subject in focus, not the person its verb acts on.
    @Test func aQuotationWithoutACueGoesToTheSubjectNotTheObjectOfItsVerb() async throws {
        let text = """
        Nolan won the final in straight sets. “What a way to finish the year,” said Nolan afterwards. Team coach Paul Mercer wants Rudd and the rest of the squad to train more on grass. “I think it will help these lads learn to mix things up a little bit.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I think") })
        #expect(q.speakerName == "Paul Mercer")
        let first = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("What a way") })
        #expect(doc.speaker(first) == "Nolan")   // «said Nolan afterwards»: the adverb is no part of the name
    }

    @Test func aSurveyThatShowsSomethingIsNoSpeakerInFocus() async throws {
        let text = """
        Lena Hart, a consultant at Kessler, said the survey showed that shoppers needed to be told more about the tags. “Acceptance of a new technology always has a tipping point at which people see the benefits.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Acceptance") })
        #expect(q.speakerName == "Lena Hart")
    }
}
