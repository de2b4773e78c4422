import Foundation
import Keyphrases
import Parsing
import Sentiment
import PipelineKit
import Testing
import TestSupport

@Suite("keyphrases: RAKE over the token and sentence layers")
struct KeyphrasesTests {
    static let story = """
        Central bank raises interest rates

        The central bank raised interest rates on Tuesday, the third rise this year. \
        Higher interest rates will hit mortgage holders, analysts said. \
        The central bank said inflation remained stubbornly high.
        """

    @Test func repeatedMultiWordPhrasesRankAboveSingleWords() async throws {
        var doc = try await parsed(Self.story)
        let step = try make(Keyphrases.self)
        let phrases = step.rank(doc)
        let texts = phrases.map(\.text)
        #expect(texts.contains("interest rates"))
        #expect(texts.contains("central bank"))
        let rates = try #require(phrases.first { $0.text == "interest rates" })
        #expect(rates.count == 3)
        #expect(rates.spans.count == 3)
        // Stopwords and punctuation cut candidates: no phrase spans "the" or a comma.
        #expect(!texts.contains { $0.split(separator: " ").contains("the") })
        // A multi-word phrase outranks the single words it is made of.
        let single = phrases.first { $0.text == "inflation" }
        if let single { #expect(rates.score > single.score) }

        try await step.process(&doc)
        #expect(try doc.layer(.keyphrases) == phrases)
        #expect(doc.metadata.extra["keyphrases"]?.arrayValue?.contains(.string("interest rates")) == true)
    }

    @Test func spansAreTextSpansInMemoryAndCodePointsWhenExported() async throws {
        var doc = try await parsed("Café owners in Zürich protest new café licensing rules. Café owners want talks.")
        try await make(Keyphrases.self).process(&doc)
        let owners = try #require(try doc.layer(.keyphrases)?.first { $0.text == "café owners" })
        for span in owners.spans { #expect(doc.text(of: span).lowercased() == "café owners") }

        let exported = try DocumentJSON.jsonValue(doc)
        let scalars = Array(doc.text.unicodeScalars)
        let phrase = try #require(exported["layers"]?["keyphrases"]?.arrayValue?.first { $0["text"] == "café owners" })
        for span in phrase["spans"]?.arrayValue ?? [] {
            let (start, end) = (span["start"]!.intValue!, span["end"]!.intValue!)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])).lowercased() == "café owners")
        }
    }

    @Test func optionsLimitCountLengthAndAddStopwords() async throws {
        let doc = try await parsed(Self.story)
        let short = try make(Keyphrases.self, ["count": 2, "max_words": 1]).rank(doc)
        #expect(short.count == 2)
        #expect(short.allSatisfy { !$0.text.contains(" ") })
        let withStop = try make(Keyphrases.self, ["stopwords": ["bank"]]).rank(doc)
        #expect(!withStop.contains { $0.text.contains("bank") })
        let frequent = try make(Keyphrases.self, ["min_occurrences": 2]).rank(doc)
        #expect(frequent.allSatisfy { $0.count >= 2 })
    }

    @Test func punctuationOnlyDocumentHasNoPhrases() async throws {
        // parse rejects an empty document, so the least a document can hold is text without words.
        var doc = try await parsed("… — !")
        try await make(Keyphrases.self).process(&doc)
        #expect(doc.metadata.extra["keyphrases"] == .array([]))
    }

    @Test func zeroCountIsASetupError() {
        #expect(throws: SetupError.self) { try make(Keyphrases.self, ["count": 0]) }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func bbcStoryYieldsItsTopicPhrases() async throws {
        let text = try SharedData.read("corpus/news-bbc/bbc-business-001.txt")
        let doc = try await parsed(text)
        let texts = try make(Keyphrases.self, ["count": 15]).rank(doc).map(\.text)
        #expect(texts.count == 15)
        #expect(texts.contains { $0.contains("time warner") || $0.contains("timewarner") })
    }
}

@Suite("plugins are validated like built-ins")
struct PluginValidationTests {
    @Test func sentimentWithoutParseNamesTheMissingLayersAndTheStepThatProvidesThem() throws {
        var registry = ProcessorRegistry()
        registry.register(Parse.self)
        registry.register(Sentiment.self)
        registry.register(Keyphrases.self)
        let yaml = """
            inputs: [{ path: "-" }]
            steps:
              - uses: sentiment
              - uses: parse
              - uses: keyphrases
            """
        let error = #expect(throws: PipelineFileError.self) {
            try PipelineLoader(registry: registry).load(yaml: yaml, file: "p.yaml", baseDirectory: "/tmp")
        }
        let text = error?.description ?? ""
        #expect(text.contains("p.yaml:3:11"), "\(text)")
        #expect(text.contains("needs sentences, tokens"), "\(text)")
        #expect(text.contains("parse"))
        #expect(error?.diagnostics.count == 1)
    }
}

@Suite("plugin layers read back as their Codable types")
struct PluginLayerShapeTests {
    @Test func keyphrasesAndSentimentLayersDecode() async throws {
        var doc = try await parsed("The terrible floods hit Venice. The floods hit Venice again, said the mayor.")
        try await make(Keyphrases.self).process(&doc)
        try await make(Sentiment.self).process(&doc)
        let phrases = try #require(try doc.layer(.keyphrases))
        #expect(try phrases == make(Keyphrases.self).rank(doc))
        let sentences = try #require(try doc.layer(.sentenceSentiment))
        #expect(sentences.count == 2)
        #expect(sentences[0].compound < 0)
    }
}
