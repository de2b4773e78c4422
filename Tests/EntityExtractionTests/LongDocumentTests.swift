import PipelineKit
import Testing
@testable import EntityExtraction

/// A long single-line document: overlap resolution over thousands of candidates (once quadratic) must give
/// every repetition of a sentence the same mentions as the sentence alone, none overlapping.
@Suite struct LongDocumentTests {
    @Test func repeatedSentenceOnOneLineGetsTheSameMentionsEachTime() async throws {
        let sentence = "John Smith met Mary Jones of Reuters in London on 3 May 2024 and paid £5m. "
        let single = try await extract(sentence).mentionPairs
        #expect(single.count >= 4)
        let repeats = 400
        let document = try await extract(String(repeating: sentence, count: repeats))
        #expect(document.entities.count == single.count * repeats)
        let spans = document.entities.map(\.span)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end <= $1.start })
        #expect(Array(document.mentionPairs.suffix(single.count)).map(\.1) == single.map(\.1))
    }
}
