import Foundation
import Testing
import PipelineKit
import Parsing
@testable import EntityExtraction

/// The entity model's decoder: legal BILOU sequences whatever the weights, and the best sequence when the
/// beam keeps every tag.
@Suite struct ViterbiDecoderTests {
    static let tags = BILOUTags(labels: EntityModelTrainer.labels)

    /// Random weights for every feature, seeded: a hash decides a row, so the same feature always scores alike.
    struct RandomScorer: TagScorer {
        let tags: BILOUTags
        let seed: UInt64
        func add(_ hash: UInt64, to scores: UnsafeMutablePointer<Float>) {
            var rng = SplitMix64(seed: hash ^ seed)
            for k in 0..<tags.count { scores[k] += Float(Int(rng.next() % 2001) - 1000) / 100 }
        }
    }

    /// The features of a text parsed by the real `parse` step, with the rules' candidates, as in extraction.
    static func features(_ text: String) async throws -> TokenFeatures {
        let parser = try Parse(options: Parse.Options(), context: SetupContext(stepID: "parse", baseDirectory: "/tmp", pipelineFile: "test.yaml"))
        var document = Document(id: "t", source: DocumentSource(path: "t.txt", format: "text"), raw: Array(text.utf8))
        try await parser.process(&document)
        let view = EntityTokens(document, lexicons: Lexicons.shared)
        let rules = ExtractEntities.ruleCandidates(document, view: view, rules: nil)
        return TokenFeatures(view: view, rules: rules.map { ($0.lo, $0.hi, $0.label) })
    }

    static let text = """
        Maria Lopez of Tandem Freight flew from Lisbon to Oslo on Monday. The Harbor Mills Workers Union said \
        the strike would end.
        NEW PORT AUTHORITY BOARD MEETS TODAY
        Peter Novak, a director at the Bank of Oslo, and Anna Berg met in New York City.
        """

    func isLegal(_ sequence: [Int], after previous: Int = 0) -> Bool {
        var p = previous
        for t in sequence {
            if !Self.tags.canFollow(p, t) { return false }
            p = t
        }
        return Self.tags.canEnd(p)
    }

    @Test func neverEmitsAnIllegalSequenceWhateverTheWeights() async throws {
        let f = try await Self.features(Self.text)
        #expect(f.sentences.count >= 3)
        for seed in 0..<40 as Range<UInt64> {
            for beam in [1, 4, Self.tags.count] {
                var decoder = ViterbiDecoder(tags: Self.tags, beam: beam)
                let out = decoder.tag(f, scorer: RandomScorer(tags: Self.tags, seed: seed))
                #expect(out.count == f.count)
                for s in f.sentences {
                    #expect(isLegal(Array(out[s])), "seed \(seed), beam \(beam): \(out[s].map(Self.tags.name))")
                }
            }
        }
    }

    /// Every legal sequence of a short sentence of words the model looks at, scored by brute force: the
    /// full-beam decoder finds the best.
    @Test func fullBeamFindsTheBestSequence() async throws {
        let f = try await Self.features("Anna Berg Kowalski Oslo")
        let range = try #require(f.sentences.first)
        #expect(range.count == 4 && range.allSatisfy { f.candidate[$0] })
        let t = Self.tags.count
        for seed in 0..<5 as Range<UInt64> {
            let scorer = RandomScorer(tags: Self.tags, seed: seed)
            func score(_ seq: [Int]) -> Float {
                var total: Float = 0, previous = 0
                var hashes: [UInt64] = []
                for (step, i) in range.enumerated() {
                    Perceptron.features(f, i, previous: previous, memory: TokenFeatures.Memory(), tags: Self.tags, into: &hashes)
                    var s = [Float](repeating: 0, count: t)
                    s.withUnsafeMutableBufferPointer { b in for h in hashes { scorer.add(h, to: b.baseAddress!) } }
                    total += hashes.isEmpty ? 0 : s[seq[step]]
                    previous = seq[step]
                }
                return total
            }
            var best: (score: Float, seq: [Int])?
            func search(_ prefix: [Int]) {
                if prefix.count == range.count {
                    guard isLegal(prefix) else { return }
                    let s = score(prefix)
                    if best == nil || s > best!.score { best = (s, prefix) }
                    return
                }
                let i = range.lowerBound + prefix.count, p = prefix.last ?? 0
                for k in 0..<t where Self.tags.canFollow(p, k) { search(prefix + [k]) }
            }
            search([])
            var decoder = ViterbiDecoder(tags: Self.tags, beam: t)
            let result = decoder.decode(f, range, memory: TokenFeatures.Memory(), scorer: scorer)
            let decoded = try #require(result)
            #expect(abs(score(decoded) - best!.score) < 1e-3, "seed \(seed): \(decoded.map(Self.tags.name)) vs \(best!.seq.map(Self.tags.name))")
        }
    }

    @Test func restrictedTagsAreObeyedOrNoSequenceIsReturned() async throws {
        let f = try await Self.features("Anna Berg left Oslo")
        let range = try #require(f.sentences.first)
        var decoder = ViterbiDecoder(tags: Self.tags, beam: Self.tags.count)
        let scorer = RandomScorer(tags: Self.tags, seed: 3)
        let person = Self.tags.tag(.begin, label: 0), personEnd = Self.tags.tag(.last, label: 0)
        let wanted = [person, personEnd, 0, Self.tags.tag(.unit, label: 2)]
        let forced = decoder.decode(f, range, memory: TokenFeatures.Memory(), scorer: scorer) { i, t in wanted[i - range.lowerBound] == t }
        #expect(forced == wanted)
        // B-PERSON on the last token can never end the sentence.
        let impossible = decoder.decode(f, range, memory: TokenFeatures.Memory(), scorer: scorer) { i, t in
            i - range.lowerBound == 3 ? t == person : true
        }
        #expect(impossible == nil)
    }
}
