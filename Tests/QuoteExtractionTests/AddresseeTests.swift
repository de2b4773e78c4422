import PipelineKit
import Testing
@testable import QuoteExtraction

/// The one spoken to is not the speaker: «X was asked, “…?”» is the question of whoever asked it (issue 14).
/// Every text is written for these tests.
@Suite struct AddresseeTests {
    @Test func theSubjectOfAPassiveQuestionIsNotItsSpeaker() async throws {
        let text = """
        Lena Marsh, the former treasurer, appeared on a morning show on Tuesday.

        Marsh was asked, “Would you have warned the board if you had known about the loans?” She answered, “I had no idea.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let question = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Would you") })
        #expect(question.speakerName == nil)
        #expect(question.rule.hasPrefix("passive-cue-before-quote"))
        let answer = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I had") })
        #expect(answer.speakerName == "Lena Marsh")
    }

    @Test func theAgentOfAPassiveQuestionIsItsSpeaker() async throws {
        let text = "“Will you run again?” Mayor Tom Olsen was asked by reporter Dana Pike outside the town hall."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "reporter Dana Pike")
        #expect(q.rule.hasPrefix("passive-cue-after-quote"))
    }
}

/// Someone the article has not named is not the person in focus (issue 14, families 5 and 6).
@Suite struct UnnamedSpeakerTests {
    @Test func aReportedShoutIsTheShoutersNotTheReporters() async throws {
        let text = """
        The presenter Robert Vane was attacked outside a radio studio on Monday.

        He told reporters he was angry. He said the man shouted: “You have insulted my family and you will pay for it.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("You have insulted") })
        #expect(doc.speaker(q) == "the man")
        #expect(doc.cue(q) == "shouted")
        #expect(q.speakerName == nil)
    }
}

/// A nationality after "the" describes the person in focus, even where the entity layer took it for a name.
@Suite struct NationalityDescriptionTests {
    @Test func theScotIsThePersonInFocusAndKeepsTheFocus() async throws {
        let text = """
        Everton manager David Moyes will discipline striker James Beattie after all.

        The Scot initially defended Beattie, saying Gallas overreacted. But he has had a rethink. He said: “I believe I should set the record straight.”
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I believe") })
        #expect(q.speakerName == "David Moyes")
    }

    @Test func aPeopleInThePluralIsAGroupNotThePersonInFocus() async throws {
        let text = "Mr Hale flew to Cairo on Monday. The Egyptians described the talks as useful but said they would not sign."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("they would") })
        #expect(doc.speaker(q) == "The Egyptians")
        #expect(q.speakerName != "Hale")
    }

    @Test func theWordsBeforeAPossessiveDescribeTheOwnerNotTheSpeaker() async throws {
        let text = """
        The actor's friend Ben Marsh told the magazine about the script. The actor repeatedly refused to read it. Prime Minister Paul Okafor met the unions. The prime minister's office said the talks had been “useful”.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let office = try #require(quotes.first { doc.text(of: $0.span).contains("useful") })
        #expect(office.speakerName != "Paul Okafor")
        #expect(!quotes.contains { $0.speakerName == "Ben Marsh" && doc.speaker($0) == "The actor" })
    }

    @Test func nationalityNounsAreToldFromSurnamesEndingLikeThem() {
        #expect(MentionIndex.isNationality("scot"))
        #expect(MentionIndex.isNationality("brazilian"))
        #expect(!MentionIndex.isNationality("reagan"))      // «the Reagan administration»
        #expect(!MentionIndex.isNationality("berlusconi"))  // «the Berlusconi government»
    }
}

/// Descriptions that identify nobody, and notes that sign nothing.
@Suite struct UnidentifiedDescriptionTests {
    @Test func anExecutiveOfAnUnnamedFirmIsUnnamedNotTheNationalityInside() async throws {
        let text = "Not everyone agrees. “We know that in five years the dollar will be stronger than it is today,” the chief executive of a leading European car maker told the BBC."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(doc.speaker(q) == "the chief executive of a leading European car maker")
        #expect(q.speakerName == nil)
    }

    @Test func aNoteAfterTheStoryDoesNotSignTheLastQuotation() async throws {
        let text = """
        Tama Rangi said the charity match had won him over. “It's just good to know we can do something to help out.”

        - The match will be televised on Saturday.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("It's just") })
        #expect(!q.rule.hasPrefix("dash-after-quote"))
        #expect(doc.speaker(q)?.hasPrefix("The match") != true)
    }
}
