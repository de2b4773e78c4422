import Testing
@testable import PipelineKit

/// `QuoteScore` with resolved speakers, the scoring of eval/quotes-bbc: overlap matching as score.py, names
/// compared strictly. Gold and system are written for these tests.
@Suite struct QuoteScoreTests {
    @Test func resolvedNamesMatchOnlyTheSameNameTitlesAside() {
        #expect(QuoteScore.resolvedNamesMatch("Alex Ferguson", "Sir Alex Ferguson"))
        #expect(QuoteScore.resolvedNamesMatch("Football Association", "the Football Association"))
        #expect(QuoteScore.resolvedNamesMatch("Vijay Rao", "vijay rao"))
        #expect(QuoteScore.resolvedNamesMatch(nil, nil))
        #expect(!QuoteScore.resolvedNamesMatch("Vijay Rao", "Rao"))
        #expect(!QuoteScore.resolvedNamesMatch("Lord Falconer", "Falconer"))
        #expect(!QuoteScore.resolvedNamesMatch("Vijay Rao", nil))
        #expect(!QuoteScore.resolvedNamesMatch(nil, "a spokesman"))
        // The written-speaker match stays score.py's: a surname matches the full name.
        #expect(QuoteScore.speakersMatch("Vijay Rao", "Rao"))
    }

    @Test func aTinyGoldAndSystemPairGivesTheFiguresCountedByHand() {
        // Three gold quotes; the system finds all three (the first covering 60% of it), adds one the gold does
        // not have, and names the first speaker by surname only.
        let text = String(repeating: "x", count: 200)
        let gold = [
            GoldDocument.Quote(start: 0, end: 50, fragments: [], speaker: "Vijay Rao", kind: "direct"),
            GoldDocument.Quote(start: 60, end: 100, fragments: [], speaker: "Alex Ferguson", kind: "direct"),
            GoldDocument.Quote(start: 110, end: 150, fragments: [], speaker: nil, kind: "mixed"),
        ]
        let system = [
            QuoteScore.Unit(start: 20, end: 50, speaker: "Rao"),
            QuoteScore.Unit(start: 60, end: 100, speaker: "Sir Alex Ferguson"),
            QuoteScore.Unit(start: 105, end: 150, speaker: nil),
            QuoteScore.Unit(start: 160, end: 190, speaker: "Ann Reed"),
        ]
        var strict = QuoteScore(speakers: .resolvedNames)
        strict.add(text: text, gold: gold, system: system)
        #expect(strict.overlapHits == 3)
        #expect(abs(strict.overlap.p - 0.75) < 1e-9)
        #expect(abs(strict.overlap.r - 1.0) < 1e-9)
        #expect(abs(strict.overlap.f1 - 6.0 / 7.0) < 1e-9)
        #expect(strict.speakerRight == 2)
        #expect(abs(strict.speakerAccuracy - 2.0 / 3.0) < 1e-9)
        var lenient = QuoteScore()
        lenient.add(text: text, gold: gold, system: system)
        #expect(lenient.speakerRight == 3)
        // A unit covering under half of a gold quote does not match it.
        var short = QuoteScore(speakers: .resolvedNames)
        short.add(text: text, gold: [gold[0]], system: [QuoteScore.Unit(start: 0, end: 24, speaker: "Vijay Rao")])
        #expect(short.overlapHits == 0)
    }
}
