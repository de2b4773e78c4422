import PipelineKit
import Testing
@testable import QuoteExtraction

/// Reported speech in the frames news writes around it (issue 14): the cue set off by commas inside the
/// report, a long appositive after an inverted cue, a time adverbial before the clause, the addressee of
/// "told", groups and shares of people as speakers, and where one report ends and the next begins. Every
/// text is written for these tests.
@Suite struct ReportedFrameTests {
    @Test func aCueSetOffByCommasSplitsTheReportInTwo() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("A new coach, she said, could change the mood in the dressing room.")
        let q = try #require(quotes.first)
        #expect(q.rule.hasPrefix("reported-parenthetical"))
        #expect(doc.fragments(q) == ["A new coach", "could change the mood in the dressing room"])
        #expect(doc.speaker(q) == "she")
    }

    @Test func anExpectationNobodyHoldsIsReportedWithoutASpeaker() async throws {
        let text = """
        The budget was published on Friday. The city council is expected to approve the budget on Monday. The mayor \
        seemed to be of two minds about it. Ann Hale and Tom Reed are also expected to attend. Mr Reed appeared to \
        acknowledge the delays. The cost is not expected to be high, analysts said.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let council = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The city council") })
        #expect(council.rule == "unsourced-expectation" && council.kind == .indirect && council.speaker == nil)
        #expect(doc.text(of: council.span) == "The city council is expected to approve the budget on Monday")
        let mayor = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The mayor") })
        #expect(mayor.speaker == nil && doc.cue(mayor) == "seemed")
        // "and" joins the subject's names; a verb of saying after "to" makes the subject the source.
        #expect(quotes.contains { doc.text(of: $0.span).hasPrefix("Ann Hale and Tom Reed are") })
        let reed = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Mr Reed appeared") })
        #expect(reed.speakerName == "Tom Reed")
        // A report that holds the expectation takes it, once.
        let cost = quotes.filter { doc.text(of: $0.span).contains("not expected") }
        #expect(cost.count == 1)
        #expect(cost.first.map { doc.speaker($0) } == "analysts")
    }

    @Test func aSecondSubjectsReportEndsTheFirstOneAndAPartyIsNoOne() async throws {
        let text = """
        “Sport matters,” Mr Blair said. The Tories say Labour is acting too late while the Lib Dems say the plans \
        will fail. Most Republicans say they are worried.

        Launching the plan, Mr Blair ran a race with pupils. He said: “You have got to bring back school sport.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let tories = try #require(quotes.first { doc.speaker($0) == "Tories" })
        #expect(doc.text(of: tories.span) == "Labour is acting too late")
        #expect(quotes.contains { doc.speaker($0) == "Lib Dems" && doc.text(of: $0.span) == "the plans will fail" })
        // A plural name before a base form is its subject, not a modifier of a noun.
        #expect(quotes.contains { doc.speaker($0) == "Most Republicans" })
        // A party in the plural is never "he".
        let sport = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("You have got") })
        #expect(sport.speakerName == "Blair")
    }

    @Test func aQuestionPutByNobodyNamedIsReportedWithoutASpeaker() async throws {
        let text = """
        The vote was close. Asked whether she would stand again, Ann Hale said: “Not this time.” Asked about the budget \
        Tom Reed told the paper it was fair. Mr Reed asked whether the count was right.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let stand = try #require(quotes.first { doc.text(of: $0.span) == "whether she would stand again" })
        #expect(stand.rule == "unsourced-question" && stand.speaker == nil)
        #expect(quotes.contains { doc.text(of: $0.span) == "Not this time." && $0.speakerName == "Ann Hale" })
        // Without a comma the answer's subject and cue end the question, and the answer stays his.
        #expect(quotes.contains { doc.text(of: $0.span) == "about the budget" && $0.speaker == nil })
        #expect(quotes.contains { doc.speaker($0) == "Tom Reed" && doc.cue($0) == "told" })
        // «X asked whether …» is X's question.
        #expect(quotes.contains { $0.speakerName == "Tom Reed" && doc.text(of: $0.span).hasPrefix("whether the count") })
    }

    @Test func aClauseAfterTheSourcesCommaIsNoApposition() async throws {
        let text = """
        Polls closed. In Iowa, Ann Hale is in first, according to the polling average, although Tom Reed keeps it close. \
        According to the Ledger, in its latest meeting Harbor Corp will adopt a new plan.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let iowa = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("In Iowa") })
        #expect(doc.speaker(iowa) == "the polling average")
        #expect(iowa.speakerName != "Tom Reed")
        let plan = try #require(quotes.first { doc.text(of: $0.span).contains("new plan") })
        #expect(plan.speakerName != "Harbor Corp")
    }

    @Test func aSlashJoinsTheNamesOfAJointSource() async throws {
        let text = "Polls closed. The latest Herald/Ipsos poll showed Ann Hale leading the field with 31 percent."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let poll = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Ann Hale leading") })
        #expect(doc.speaker(poll) == "The latest Herald/Ipsos poll")
    }

    @Test func aReportingWordOwningWhatFollowsIsANoun() async throws {
        let text = "The show's producers defended the host. The report's authors were not named."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        #expect(!quotes.contains { doc.text(of: $0.span).hasPrefix("’s") || doc.text(of: $0.span).hasPrefix("'s") })
    }

    @Test func aParticipleBetweenArticleAndNounIsAnAdjective() async throws {
        let text = """
        The proposed law had a troubled passage. The reported feud has worried donors. She met with two lawyers; \
        one suggested she marry a citizen to help solve the problem.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.text(of: $0.span).hasPrefix("law had") || doc.text(of: $0.span).hasPrefix("feud has") })
        // A quantifier standing alone is the subject of the cue after it.
        #expect(quotes.contains { doc.text(of: $0.span).hasPrefix("she marry") })
    }

    @Test func anInvertedCueKeepsItsLongAppositive() async throws {
        let text = "That will hold up to a point, said Ravi Menon, a transport analyst whose reports on the rail network are widely read."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["That will hold up to a point"])
        #expect(doc.speaker(q) == "Ravi Menon")
    }

    @Test func aClauseAfterACommaAndCueIsNotAnInvertedFrame() async throws {
        let text = "Councillor Ann Pike (Lab), a member of the planning board, said she fully supports the scheme."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["she fully supports the scheme"])
        #expect(doc.speaker(q)?.hasSuffix("Ann Pike") == true)
    }

    @Test func aCueEndingASubordinateClauseReportsNothing() async throws {
        // «after the hearing concluded,»: "concluded" ends the clause; the report is the main clause's.
        let text = "Later that day, after the hearing concluded, Rosa Lind stated of the ruling that the court had been “misled.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(quotes.count == 1)
        #expect(doc.cue(q) == "stated")
        #expect(doc.speaker(q) == "Rosa Lind")
        #expect(doc.fragments(q) == ["the court had been “misled.”"])
    }

    @Test func aPersonsRoleThenTheirNameGivesTheName() async throws {
        // «Cosby's lawyer, Walter M Phillips Jr, said»: the possessor names whose lawyer, not the speaker.
        let text = "Mr Okoro was cleared on Friday. Okoro's lawyer, Ruth Adeyemi, said the singer was pleased with the ruling. “He wants to get back to work,” she said."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let report = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the singer") })
        #expect(doc.speaker(report) == "Ruth Adeyemi")
        let direct = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("He wants") })
        #expect(direct.speakerName == "Ruth Adeyemi")
    }

    @Test func aClauseAfterTheCueIsNoSpeakerAndAVerbEndsADescription() async throws {
        let text = """
        Tom Vance, the firm's chief engineer, said the change was a real attempt to cut costs. However, the first weeks of this year had produced promising signs, Hale Homes said.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let change = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the change") })
        #expect(doc.speaker(change) == "Tom Vance")
        #expect(!quotes.contains { doc.speaker($0)?.contains(" was") == true || doc.speaker($0)?.contains(" had") == true })
        let signs = try #require(quotes.first { doc.text(of: $0.span).contains("promising signs") })
        #expect(doc.speaker(signs) == "Hale Homes")
    }

    @Test func aVerbIsNoPartOfTheSubject() async throws {
        let text = """
        Nina Sorel makes claims that she was mistreated at her school. A party spokesman played down the row and said the leader had a prominent role. Cesar organisers said the rules had changed.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.speaker($0) == "Nina Sorel makes" })
        let row = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the leader") })
        #expect(doc.speaker(row) == "A party spokesman")
        let rules = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the rules") })
        #expect(doc.speaker(rules)?.hasSuffix("organisers") == true)
    }

    @Test func anAdverbAfterTheSubjectIsSkipped() async throws {
        let text = "Aldo Ferri scored twice. And Ferri afterwards described the display as “beautiful to watch”."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).contains("beautiful") })
        #expect(doc.speaker(q) == "Ferri")
    }

    @Test func aLaterThatDoesNotCutTheReportShort() async throws {
        // «said in a statement that …» skips an adverbial to "that"; a clause before the "that" is the report.
        let (doc, quotes) = try await QuoteHarness.quotes("Ms Lindqvist said it was difficult to say how quickly that would happen.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["it was difficult to say how quickly that would happen"])
        let (doc2, quotes2) = try await QuoteHarness.quotes("The agency said in a statement on Monday that the count was fair.")
        #expect(doc2.fragments(try #require(quotes2.first)) == ["the count was fair"])
        let (doc3, quotes3) = try await QuoteHarness.quotes("Lena Hart said the survey showed that shoppers wanted more.")
        #expect(doc3.fragments(try #require(quotes3.first)) == ["the survey showed that shoppers wanted more"])
    }

    @Test func showAsANounIsNoCue() async throws {
        let text = """
        Ex-BBC chat show host and MEP Ron Kelso said he wanted to "change the face of British politics". The portable gadgets on show also reflected one of the buzzwords of the fair, which was the "time shifting" of media. Records from the last election cycle show he backed both men.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let kelso = try #require(quotes.first { doc.text(of: $0.span).contains("change the face") })
        #expect(doc.speaker(kelso)?.hasSuffix("Ron Kelso") == true)
        #expect(quotes.filter { doc.cue($0) == "show" }.count == 1)   // «on show», «chat show host» are nouns
        #expect(quotes.contains { doc.cue($0) == "show" && doc.text(of: $0.span) == "he backed both men" })
    }

    @Test func aCoordinatedCueAfterAnObjectTakesTheSubject() async throws {
        let text = "He said prosecutions were the government's first preference and promised the powers would only be used in serious cases."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the powers") })
        #expect(doc.speaker(q) == "He")
    }

    @Test func anAppositiveWithoutItsClosingCommaStillGivesThePerson() async throws {
        let text = """
        Ann Simpson, marketing manager at Snappy Prints believes the shops will survive. “Customers often print three pictures at home to get one good one,” she said. Jane Doe, a close friend of Tom Smith said he was “devastated”.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let shops = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the shops") })
        #expect(doc.speaker(shops) == "Ann Simpson")
        let prints = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Customers") })
        #expect(prints.speakerName == "Ann Simpson")
        let friend = try #require(quotes.first { doc.text(of: $0.span).contains("devastated") })
        #expect(doc.speaker(friend) == "Jane Doe")
    }

    @Test func callsForAndDeclinesToCommentAreReports() async throws {
        let text = """
        Mayor Ruth Obi called for a ban on night flights. On Saturday, Tom Reyes called on the council leader to resign over the deal. The airline declined to comment. The firm refused to say how many jobs would go. He called on Friday.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let reports = quotes.map { (doc.speaker($0) ?? "", doc.text(of: $0.span)) }
        #expect(reports.contains { $0 == ("Ruth Obi", "a ban on night flights") || $0 == ("Mayor Ruth Obi", "a ban on night flights") })
        #expect(reports.contains { $0.0 == "Tom Reyes" && $0.1 == "the council leader to resign over the deal" })
        #expect(reports.contains { $0 == ("The airline", "to comment") })
        #expect(reports.contains { $0 == ("The firm", "to say how many jobs would go") })
        #expect(!reports.contains { $0.1.contains("Friday") })
    }

    @Test func aPersonFromABodySpeaksNotTheBody() async throws {
        let text = """
        Laura Brownlees of Save the Children said there were grave concerns. “We are worried about trafficking,” she said. Mr Hirsch from Retail Banking Research said the risk was low. “Most banks simply upgrade,” he said.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let worried = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("We are worried") })
        #expect(worried.speakerName == "Laura Brownlees")
        let banks = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Most banks") })
        #expect(banks.speakerName?.hasSuffix("Hirsch") == true)
    }

    @Test func meanwhileIsNoPartOfTheSubject() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("The chancellor meanwhile insisted the economy was strong.")
        #expect(doc.speaker(try #require(quotes.first)) == "The chancellor")
    }

    @Test func asWithACueStillReports() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("But as Dr Kemp noted, the new wards will not open before spring.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Dr Kemp")
        #expect(doc.fragments(q) == ["the new wards will not open before spring"])
    }

    @Test func aTimeAdverbialStandsBetweenTheCueAndTheClause() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("The club chairman said on Friday he had met the new owners twice.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["he had met the new owners twice"])
    }

    @Test func theAddresseeOfToldIsNotPartOfTheReport() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("One delegate, Kate Morley, told the Courier she was leaning towards the mayor.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["she was leaning towards the mayor"])
        #expect(doc.speaker(q) == "Kate Morley")
    }

    @Test func groupsAndSharesOfPeopleSpeak() async throws {
        let text = """
        Sixty percent of registered voters say they trust the council. Nearly half said they would vote again. Local party leaders say the count was fair.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.count == 3)
        #expect(quotes.compactMap { doc.speaker($0) } == ["registered voters", "Nearly half", "Local party leaders"])
    }

    @Test func aSecondCueStartsASecondReport() async throws {
        let text = """
        While the coach has said that he often rotates the squad, Marsh said he does not do it lightly. Dunn says she respects his “energy” but argues that he cannot deliver.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let contents = quotes.flatMap { doc.fragments($0) }
        #expect(contents.contains("he often rotates the squad"))
        #expect(contents.contains("he does not do it lightly"))
        #expect(contents.contains("she respects his “energy”"))
        #expect(contents.contains("he cannot deliver"))
    }

    @Test func aCoordinatedCueTakesTheSubjectOfTheFirstVerb() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Reid voted in Leeds on Saturday and says he chose the independent.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "Reid")
        #expect(doc.fragments(q) == ["he chose the independent"])
    }

    @Test func aLongDescribedSubjectStillSpeaks() async throws {
        let text = """
        The former head teacher and county councillor said it was “a mistake” to close the library, but she denied that she had misled parents.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        let first = try #require(quotes.first)
        #expect(doc.speaker(first)?.hasPrefix("The former head teacher") == true)
        #expect(doc.fragments(first) == ["it was “a mistake” to close the library"])
        #expect(quotes.contains { doc.fragments($0) == ["she had misled parents"] && doc.speaker($0) == "she" })
    }

    @Test func aReportEndsWhereButBringsAVerbOfItsOwn() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Graham said she was “impressed” with the students, but lamented that few of them would stay.")
        let q = try #require(quotes.first)
        #expect(doc.fragments(q) == ["she was “impressed” with the students"])
    }

    @Test func fewAndSomeSpeakForAGroup() async throws {
        let (doc, quotes) = try await QuoteHarness.quotes("Both sides want a deal. But few believe the truce can last beyond the summer.")
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "few")
        #expect(doc.fragments(q) == ["the truce can last beyond the summer"])
    }

    @Test func aHeadlineNamesItsSpeakerBeforeAColon() async throws {
        let text = """
        Ruth Calloway: I Am Not Interested In Running Again

        The former minister spoke in Leeds on Friday.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { $0.rule.hasPrefix("headline-colon") })
        #expect(doc.speaker(q) == "Ruth Calloway")
        #expect(doc.fragments(q) == ["I Am Not Interested In Running Again"])
    }

    @Test func aPassiveEvaluativeVerbGivesNoSpeaker() async throws {
        let text = """
        Professor Ann Grey was chosen for the post. She is described as “a proud grandmother” of four. Critics branded the choice “a safe pair of hands”.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.text(of: $0.span).contains("proud grandmother") && $0.rule.hasPrefix("evaluative") })
        let active = try #require(quotes.first { doc.text(of: $0.span).contains("safe pair") })
        #expect(doc.speaker(active) == "Critics")
    }

    @Test func aCueWordAfterAPossessiveIsANounUnlessThatFollows() async throws {
        let text = """
        Shadow minister Mark Aldous told MPs the paper was part of a plan. His claims were denied by Home Secretary Jan Strand, who accused the Tories of “running scared” of the debate. Their warning that costs would rise was ignored.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.speaker($0) == "His" })
        let mixed = try #require(quotes.first { doc.text(of: $0.span).contains("running scared") })
        #expect(mixed.speakerName == "Jan Strand")
        #expect(quotes.contains { doc.text(of: $0.span).hasPrefix("costs would rise") })
    }

    @Test func aCoordinatedCueWithAnAuxiliaryTakesTheFirstVerbsSubject() async throws {
        let text = """
        Michael Hollis supports a cut in the limit from 24 weeks to 20 and has said current rules are “tantamount to abortion on demand”.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).contains("tantamount") })
        #expect(q.kind == .mixed)
        #expect(doc.speaker(q) == "Michael Hollis")
    }

    @Test func aShortPluralWithItsModifiersReportsAndOpenersDoNot() async throws {
        let text = """
        Gamers say they are misunderstood. Video game fans often complain that their hobby is misunderstood by parents.

        "I am glad it is over," she said. Having said that, I am always pleased when cheats are caught.

        Despite denying for decades that smoking caused illness, the firms knew the truth.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let fans = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("their hobby") })
        #expect(doc.speaker(fans) == "Video game fans")
        // «Having said that» links two sentences; it reports nothing.
        #expect(!quotes.contains { doc.text(of: $0.span).hasPrefix("I am always pleased") })
        // A sentence-opening "Despite" is nobody.
        #expect(!quotes.contains { doc.speaker($0) == "Despite" })
    }

    @Test func aProgrammeOrAFilmIsNoSpeaker() async throws {
        let text = """
        Comedian Chris Morton, who created controversial TV show Brass Eye, is to return with a new sitcom.

        Set in her native Dartford, Wasp tells the story of a young mum who leaves her daughters outside a pub.

        "I'm not interested in the publicity," Andrea Arnold said. "I'm overwhelmed by all the fuss," she added.

        Dana Pike told the story of her escape to a packed hall.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(!quotes.contains { doc.cue($0) == "show" })
        #expect(!quotes.contains { doc.speaker($0) == "Wasp" })
        let fuss = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I'm overwhelmed") })
        #expect(fuss.speakerName == "Andrea Arnold")
        // A person telling a story reports it.
        #expect(quotes.contains { doc.cue($0) == "told" })
    }
}
