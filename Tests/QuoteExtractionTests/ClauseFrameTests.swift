import PipelineKit
import Testing
@testable import QuoteExtraction

/// Clauses around a quotation's cue that are not its speaker frame (issue 14): a passive clause opening the
/// sentence, a noun spelled like a cue, a participle after "while". Every text is written for these tests.
@Suite struct ClauseFrameTests {
    @Test func anOpeningAskedClauseLeavesTheSpeakerToTheMainClause() async throws {
        let text = "Asked which of the state's counties he liked best, Senator Paul Brandt demurred: “Whichever one I'm standing in at the moment.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("Whichever") })
        #expect(q.speakerName == "Paul Brandt")
        #expect(doc.cue(q) == "demurred")
    }

    @Test func aParticipleAfterWhileIsSpokenByTheSubjectBeforeAScareQuote() async throws {
        let text = "In an interview, Ellen Voss insisted it was “too early” to back Mayor Green's campaign while adding, “I have no doubt her heart is in the right place on housing.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("I have no doubt") })
        #expect(q.speakerName == "Ellen Voss")
        #expect(q.rule.hasPrefix("participle-before-quote"))
    }
}

/// The subject before a participle or a colon is the person a role introduces, not the capitalized words
/// modifying the role (issue 14, family 3).
@Suite struct RoleBeforeNameTests {
    @Test func capitalizedModifiersAndARoleBeforeANameGiveThePerson() async throws {
        let text = "Liberal Democrat peer Lord Alan Greaves was critical of the plan, telling the BBC: “The register is missing millions of voters.”"
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The register") })
        #expect(q.speakerName?.hasSuffix("Alan Greaves") == true)
    }

    @Test func aVerbAfterAPronounIsNoRole() async throws {
        let text = "“We want Michael to be as accessible as possible,” Mr Fox said, adding that the party was not afraid of scrutiny. Michael Hale agreed."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the party") })
        #expect(q.speakerName != "Michael Hale")
    }
}
