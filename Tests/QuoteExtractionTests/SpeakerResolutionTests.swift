import Foundation
import PipelineKit
import TestSupport
import Testing
@testable import QuoteExtraction

@Suite struct SpeakerResolutionTests {
    @Test func pronounResolvesToThePreviousSpeakerWithoutEntities() async throws {
        let text = "“We start today,” Maria Lopez said.\n\n“Nobody will stop us,” she added."
        let (doc, quotes) = try await QuoteHarness.quotes(text)
        #expect(quotes.count == 2)
        #expect(doc.speaker(quotes[1]) == "she")
        #expect(quotes[1].speakerName == "Maria Lopez")
        #expect(quotes[1].rule.hasSuffix("+pronoun"))
    }

    @Test func pronounAndDescriptionResolveToTheEntity() async throws {
        let text = """
        Qassim Soleimani spoke in Tehran on Monday.

        “The enemy wants negotiations,” Soleimani said.

        “We absolutely will not accept this humiliation,” he added.

        “Pressure will fail,” the general said.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        #expect(quotes.count == 3)
        #expect(quotes.map { doc.speaker($0) } == ["Soleimani", "he", "the general"])
        #expect(quotes.allSatisfy { $0.speakerName == "Qassim Soleimani" })
        #expect(Set(quotes.compactMap(\.speakerEntityID)).count == 1)
    }

    @Test func descriptionResolvesToThePersonWithThatRole() async throws {
        let text = """
        Transport Minister Alan Whitcombe said the government would not impose a settlement.

        Trans-Meridian Rail chief executive Gordon Pike said the strike was costing the company money.

        The minister added that he expected an agreement before the end of May.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let last = try #require(quotes.last)
        #expect(doc.speaker(last) == "The minister")
        #expect(last.speakerName == "Alan Whitcombe")
    }

    @Test func descriptionFollowedByANameResolvesToThatPerson() async throws {
        let text = "The fishermen's association will go to court. Its president, Tomas Varga, warned that silt would smother the oyster beds."
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.last)
        #expect(doc.speaker(q) == "Tomas Varga" || doc.speaker(q) == "Its president")
        #expect(q.speakerName == "Tomas Varga")
    }

    @Test func aPossessiveDescriptionIsNotResolvedToAPerson() async throws {
        let text = """
        Tomas Varga said the dredging would smother the oyster beds.

        According to the authority's own study, the channel carries 2.4 million tonnes of cargo a year.
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let last = try #require(quotes.last)
        #expect(last.speakerName != "Tomas Varga")
    }

    @Test func organizationSpeaksAsItself() async throws {
        let text = "“Tightening will have an impact,” the International Energy Agency said in a statement."
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.speakerName == "International Energy Agency")
    }

    // The seed article: every quotation, Soleimani's (and "he added") to him, the agency's and Pompeo's to them.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func seedArticleAttributesEveryQuote() async throws {
        let text = try SharedData.read("seeds/rudaw-2019-04-29-soleimani.txt")
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        func quote(containing s: String) -> Quote? { quotes.first { doc.text(of: $0.span).contains(s) } }

        let soleimani = ["The enemy wants to bring us", "And this negotiation is equal to surrender", "We absolutely will not accept",
                         "The enemies intend to use two levers", "They should know that today"]
        for s in soleimani {
            let q = try #require(quote(containing: s), "no quote holds \(s)")
            #expect(q.kind == .direct)
            #expect(q.speakerName == "Qassim Soleimani", "\(s)")
        }
        for s in ["Further tightening of sanctions", "Iranian shipments of crude"] {
            #expect(quote(containing: s)?.speakerName == "International Energy Agency", "\(s)")
        }
        for s in ["We will track down Iranian operatives", "Iran will never again have carte blanche"] {
            #expect(quote(containing: s)?.speakerName == "Mike Pompeo", "\(s)")
        }
        let lead = try #require(quote(containing: "US government economic pressure will not propel Tehran"))
        #expect(lead.kind == .indirect)
        #expect(lead.speakerName == "Qassim Soleimani")
        // Every quotation mark pair of the article is inside some quote, except the scare quote.
        let direct = quotes.filter { $0.kind == .direct }.flatMap(\.fragments).count
        #expect(direct == 9)
    }

    @Test func aSurnameOpeningTheSentenceBeforeAPronounIsInFocus() async throws {
        let text = """
        Dana Pike and Paul Hale spoke in Iowa, and Donald Trump and Ted Cruz in Nevada. Trump went after Cruz again. "Ted Cruz is a liar," he said.
        """
        let (_, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let q = try #require(quotes.first)
        #expect(q.speakerName == "Donald Trump")
    }

    @Test func aSpokesmanNamedByAPossessiveTakesTheFocusFromTheLastNamedSpeaker() async throws {
        let text = """
        Tournament director Paul Hale had said: "Her shoulder is clearly not going to heal in time." But her spokesman insisted she had only delayed her entry. "The doctors are checking the shoulder every week and she could still play."

        "She wants to be there more than anyone," he added.
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let uncued = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The doctors") })
        #expect(uncued.speakerName != "Paul Hale")
        #expect(doc.speaker(uncued) == "her spokesman")
        let added = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("She wants") })
        #expect(added.speakerName != "Paul Hale")
    }

    @Test func aPluralDescriptionIsAGroupNotThePersonInFocus() async throws {
        let text = """
        Dr Ann Hale led the study at Leeds with four volunteers. The researchers said the results were promising. "The control the volunteers achieved after a week was remarkable."
        """
        let (doc, quotes) = try await QuoteHarness.quotes(text, entities: true)
        let report = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("the results") })
        #expect(report.speakerName == nil)
        #expect(doc.speaker(report) == "The researchers")
        let uncued = try #require(quotes.first { doc.text(of: $0.span).hasPrefix("The control") })
        #expect(uncued.speakerName != "Ann Hale")
    }
}
