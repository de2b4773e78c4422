/// Where the decoder reads weights: the shipped model (`EntityModel`) and the weights being learned
/// (`Perceptron`) both answer, so tagging and training decode with the same code.
protocol TagScorer {
    var tags: BILOUTags { get }
    /// Adds the weight of feature `hash` for every tag to `scores` (nothing for an unknown feature).
    func add(_ hash: UInt64, to scores: UnsafeMutablePointer<Float>)
    /// Adds the weights of the transition feature "the previous tag was `previous`".
    func addTransition(from previous: Int, to scores: UnsafeMutablePointer<Float>)
}

extension TagScorer {
    func addTransition(from previous: Int, to scores: UnsafeMutablePointer<Float>) {
        add(TokenFeatures.mix(.prevTag, UInt64(previous)), to: scores)
    }
}

/// Beam-limited first-order Viterbi over BILOU tags, one sentence at a time: the best tag sequence the
/// weights allow, never an illegal one (an I or L without its B, a name left open at the end of a sentence).
///
/// A token's score under a candidate previous tag is its observation features (computed once per token)
/// plus the three features that depend on that previous tag (`TokenFeatures.history`), so the extra cost
/// over greedy decoding is three look-ups per previous tag kept. Only the `beam` best tags of each token are
/// extended. A token the model does not look at (`TokenFeatures.candidate`: punctuation, numbers, lower-case
/// common words) is O at no cost after a closed tag, and continues an open name only when the best tag
/// before it is open, as in greedy decoding: so three tokens in four of news text cost nothing, where
/// keeping every open name alive over them cost 1.7 times the chain's CPU.
///
/// ```swift
/// var decoder = ViterbiDecoder(tags: model.tags)
/// let tags = decoder.tag(features, scorer: model)   // one tag per token, sentence by sentence
/// ```
struct ViterbiDecoder {
    let tags: BILOUTags
    /// How many of each token's best tags are extended to the next token.
    let beam: Int
    /// Chosen on the held-out folds: 2 lost 4-7 points of F1, every tag (exact Viterbi) 2 points on WikiGold.
    static let defaultBeam = 4

    private var column: [Float]
    private var nextColumn: [Float]
    private var observed: [Float]
    private var scores: [Float]
    private var back: [UInt8] = []
    private var hashes: [UInt64] = []
    private var kept: [Int] = []

    init(tags: BILOUTags, beam: Int = ViterbiDecoder.defaultBeam) {
        self.tags = tags
        self.beam = max(1, min(beam, tags.count))
        column = [Float](repeating: 0, count: tags.count)
        nextColumn = column
        observed = column
        scores = column
        hashes.reserveCapacity(64)
    }

    /// Tags for every token of `features`, sentence by sentence; `Memory` (what the model said about the
    /// same word earlier) learns from each sentence once it is decoded.
    mutating func tag<S: TagScorer>(_ features: TokenFeatures, scorer: S) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(features.count)
        var memory = TokenFeatures.Memory()
        for sentence in features.sentences {
            let decoded = decode(features, sentence, memory: memory, scorer: scorer) ?? []
            for (k, t) in decoded.enumerated() { memory.record(features, sentence.lowerBound + k, tag: t, tags: tags) }
            out += decoded
        }
        return out
    }

    /// The best tags of the tokens in `range`, starting after a closed tag; `allowed(i, tag)` restricts the
    /// tags (the trainer's search for the best path its gold annotation accepts). Nil when no legal
    /// sequence passes `allowed`.
    mutating func decode<S: TagScorer>(_ f: TokenFeatures, _ range: Range<Int>, memory: TokenFeatures.Memory,
                                       scorer: S, allowed: ((Int, Int) -> Bool)? = nil) -> [Int]? {
        let t = tags.count, n = range.count
        guard n > 0 else { return [] }
        if back.count < n * t { back = [UInt8](repeating: 0, count: n * t) }
        let none = -Float.infinity
        for k in 0..<t { column[k] = none }
        column[BILOUTags.outside] = 0
        kept = [BILOUTags.outside]
        for (step, i) in range.enumerated() {
            let last = step == n - 1
            for k in 0..<t { nextColumn[k] = none }
            var haveObservations = false
            // A word the model skips continues a name only where the best path so far opened one.
            let scored = f.candidate[i] || !tags.canEnd(kept[0])
            for p in kept {
                let from = column[p]
                if !f.candidate[i] && tags.canEnd(p) {
                    // Not looked at by the model: O, as in greedy decoding.
                    if allowed?(i, BILOUTags.outside) ?? true, from > nextColumn[0] {
                        nextColumn[0] = from
                        back[step * t] = UInt8(p)
                    }
                    continue
                }
                guard scored else { continue }
                if !haveObservations {
                    haveObservations = true
                    hashes.removeAll(keepingCapacity: true)
                    f.observations(i, into: &hashes)
                    if let m = memory.feature(f, i) { hashes.append(m) }
                    observed.withUnsafeMutableBufferPointer { o in
                        for k in 0..<t { o[k] = 0 }
                        for h in hashes { scorer.add(h, to: o.baseAddress!) }
                    }
                }
                let (word, shape) = f.history(i, previous: p)
                scores.withUnsafeMutableBufferPointer { s in
                    for k in 0..<t { s[k] = observed[k] }
                    scorer.addTransition(from: p, to: s.baseAddress!)
                    scorer.add(word, to: s.baseAddress!)
                    scorer.add(shape, to: s.baseAddress!)
                }
                for k in 0..<t where tags.canFollow(p, k) && (!last || tags.canEnd(k)) {
                    let score = from + scores[k]
                    if score > nextColumn[k], allowed?(i, k) ?? true {
                        nextColumn[k] = score
                        back[step * t + k] = UInt8(p)
                    }
                }
            }
            swap(&column, &nextColumn)
            keepBest()
            if kept.isEmpty { return nil }
        }
        var k = kept[0]
        var out = [Int](repeating: 0, count: n)
        for step in stride(from: n - 1, through: 0, by: -1) {
            out[step] = k
            k = Int(back[step * tags.count + k])
        }
        return out
    }

    /// The `beam` highest-scoring reachable tags of `column`, best first (ties: the lower tag).
    private mutating func keepBest() {
        kept.removeAll(keepingCapacity: true)
        for k in 0..<tags.count where column[k] > -Float.infinity {
            var at = kept.count
            while at > 0 && column[kept[at - 1]] < column[k] { at -= 1 }
            if at < beam {
                kept.insert(k, at: at)
                if kept.count > beam { kept.removeLast() }
            }
        }
    }
}
