import Foundation
import PipelineKit

/// `pipeline train entities`: a structured averaged perceptron over `TokenFeatures` and BILOU tags, trained
/// with the decoder that tags (`ViterbiDecoder`, a sentence at a time); three runs on different shuffles,
/// averaged.
///
/// Gold labels are folded into what the model learns (PERSON, ORG, LOC with GPE and FAC, NORP, MISC with
/// EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE); other labels (DATE, MONEY, …) stay with the rules. Spans are
/// normalized to the output convention: no leading "the", no title inside a PERSON span. A source that
/// never uses a label (the record's `source` field, else its file) is taken not to annotate it: predicting
/// that label there is not counted as an error, so tweets without NORP do not teach that demonyms are O.
/// Gold names the decoder cannot produce (starting on a word the model never looks at, such as a lower-case
/// common word, or running across a sentence break) are left out rather than taught.
///
/// ```sh
/// pipeline train entities --data a.jsonl,b.jsonl --out my-model --epochs 12 --seed 1
/// ```
public enum EntityModelTrainer: Trainer {
    public static let name = "entities"
    public static let summary = "The PERSON/ORG/LOC/NORP recognizer of extract-entities (use it with `model: DIR`)."
    static let labels = ["PERSON", "ORG", "LOC", "NORP", "MISC"]
    /// Perceptrons trained side by side on different shuffles of the same documents; the model is the mean of
    /// their averaged weights (chosen on the held-out folds: 3 gained 0.5-0.9 points over 1 on both fold-1 sets).
    static let runs = 3
    /// Features seen fewer times than this in the training documents are left out of the model.
    static let minimumCount = 2

    /// One document ready for training: its features and, per token, the gold tag and the tags accepted.
    struct Sequence {
        var features: TokenFeatures
        var gold: [Int]
        var accepted: [UInt32]
        var goldSpans: Set<[Int]>
    }

    public static func train(_ examples: [TrainingExample], settings: TrainingSettings,
                             progress: (String) -> Void) throws -> String {
        let tags = BILOUTags(labels: labels)
        guard !examples.isEmpty else { throw ModelError("no training documents") }
        // The features read the shipped lexicons: without them a model would train, silently worse.
        if case .failure(let missing) = Lexicons.loaded { throw ModelError(missing.message) }
        let sequences = prepare(examples, tags: tags)
        var rng = SplitMix64(seed: settings.seed)
        var order = Array(sequences.indices)
        rng.shuffle(&order)
        let devCount = settings.devFraction > 0 ? max(1, Int((Double(order.count) * settings.devFraction).rounded())) : 0
        let dev = Array(order.prefix(devCount)).sorted(), train = Array(order.dropFirst(devCount)).sorted()
        guard !train.isEmpty else { throw ModelError("no documents left to train on; lower --dev-fraction") }

        let runs = Self.runs
        let first = Perceptron(tags: tags, sequences: train.map { sequences[$0] }, minimumCount: minimumCount)
        var perceptrons = [Perceptron](repeating: first, count: runs)
        // The first run shuffles with the generator that chose the held-out documents, the others with their own.
        var rngs = [rng] + (1..<runs).map { SplitMix64(seed: settings.seed &+ 0x5EED &* UInt64($0)) }
        var orders = [[Int]](repeating: train, count: runs)
        var best: (epoch: Int, score: PRF, weights: [Float])?
        for epoch in 1...settings.epochs {
            var errors = 0, tokens = 0
            for k in 0..<runs {
                rngs[k].shuffle(&orders[k])
                for s in orders[k] {
                    errors += perceptrons[k].learn(sequences[s])
                    tokens += sequences[s].gold.count
                }
            }
            var averaged = perceptrons[0].averaged()
            for k in 1..<runs {
                let other = perceptrons[k].averaged()
                for j in averaged.indices { averaged[j] += other[j] }
            }
            for j in averaged.indices { averaged[j] /= Float(runs) }
            var line = "epoch \(epoch)/\(settings.epochs): \(String(format: "%.2f", 100 * Double(errors) / Double(max(1, tokens))))% training tokens wrong"
            if devCount > 0 {
                let model = EntityModel(tags: tags, rows: first.rows(averaged))
                let score = evaluate(model, dev.map { sequences[$0] })
                line += ", held-out \(devCount) documents PERSON/ORG/LOC exact P \(f3(score.p)) R \(f3(score.r)) F1 \(f3(score.f1))"
                if best == nil || score.f1 > best!.score.f1 { best = (epoch, score, averaged) }
            } else {
                best = (epoch, PRF(tp: 0, predicted: 0, gold: 0), averaged)
            }
            progress(line)
        }
        guard let best else { throw ModelError("no epoch ran") }
        let rows = first.rows(best.weights)
        let bytes = EntityModel.encode(tags: tags, rows: rows)
        let folder = URL(fileURLWithPath: settings.outDirectory)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: folder.appendingPathComponent(EntityModel.fileName), options: .atomic)
        } catch {
            throw ModelError("\(settings.outDirectory): cannot write the model: \(error.localizedDescription)")
        }
        let kept = rows.count
        var summary = "wrote \(folder.appendingPathComponent(EntityModel.fileName).path): \(kept) features, \(bytes.count / 1024) KB; "
        summary += "trained on \(train.count) documents, epoch \(best.epoch) of \(settings.epochs) kept"
        if devCount > 0 { summary += " (held-out \(devCount) documents: P \(f3(best.score.p)) R \(f3(best.score.r)) F1 \(f3(best.score.f1)))" }
        return summary
    }

    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }

    struct PRF {
        var p: Double, r: Double, f1: Double
        init(tp: Int, predicted: Int, gold: Int) {
            p = predicted > 0 ? Double(tp) / Double(predicted) : 0
            r = gold > 0 ? Double(tp) / Double(gold) : 0
            f1 = p + r > 0 ? 2 * p * r / (p + r) : 0
        }
    }

    /// Exact token spans over PERSON, ORG and LOC (labels 0, 1, 2).
    static func evaluate(_ model: EntityModel, _ sequences: [Sequence]) -> PRF {
        var tp = 0, predicted = 0, gold = 0
        for s in sequences {
            let spans = model.tags.decode(model.tag(s.features)).filter { $0.label < 3 }.map { [$0.lo, $0.hi, $0.label] }
            predicted += spans.count
            gold += s.goldSpans.count
            tp += spans.filter { s.goldSpans.contains($0) }.count
        }
        return PRF(tp: tp, predicted: predicted, gold: gold)
    }

    // MARK: gold spans to tags

    static func modelLabel(_ gold: String) -> Int? {
        switch gold {
        case "PERSON", "PER": 0
        case "ORG": 1
        case "LOC", "GPE", "FAC": 2
        case "NORP": 3
        case "MISC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE": 4
        default: nil
        }
    }

    static func prepare(_ examples: [TrainingExample], tags: BILOUTags) -> [Sequence] {
        let lexicons = Lexicons.shared
        var spansOf: [[(lo: Int, hi: Int, label: Int)]] = []
        var usedBySource: [String: Set<Int>] = [:]
        var views: [EntityTokens] = []
        for example in examples {
            let view = EntityTokens(example.document, lexicons: lexicons)
            let spans = tokenSpans(example.gold, view: view)
            usedBySource[sourceKey(example.gold), default: []].formUnion(spans.map(\.label))
            spansOf.append(spans)
            views.append(view)
        }
        return examples.indices.map { k in
            let view = views[k]
            let rules = ExtractEntities.ruleCandidates(examples[k].document, view: view, rules: nil)
            let features = TokenFeatures(view: view, rules: rules.map { ($0.lo, $0.hi, $0.label) })
            var sentenceOf = [Int](repeating: 0, count: view.count)
            for (n, r) in features.sentences.enumerated() { for i in r { sentenceOf[i] = n } }
            let spans = spansOf[k].filter { features.candidate[$0.lo] && sentenceOf[$0.lo] == sentenceOf[$0.hi - 1] }
            let gold = tags.encode(spans, count: view.count)
            let annotated = usedBySource[sourceKey(examples[k].gold)] ?? []
            var unannotated: UInt32 = 0
            for l in labels.indices where !annotated.contains(l) {
                for p in [BILOUTags.Position.begin, .inside, .last, .unit] { unannotated |= 1 << tags.tag(p, label: l) }
            }
            let accepted = gold.map { t -> UInt32 in (1 << UInt32(t)) | (t == 0 ? unannotated : 0) }
            let core = Set(spans.filter { $0.label < 3 }.map { [$0.lo, $0.hi, $0.label] })
            return Sequence(features: features, gold: gold, accepted: accepted, goldSpans: core)
        }
    }

    static func sourceKey(_ gold: GoldDocument) -> String {
        gold.source ?? String(gold.location.prefix { $0 != ":" })
    }

    /// Gold spans as token ranges with model labels, in the output convention.
    static func tokenSpans(_ gold: GoldDocument, view: EntityTokens) -> [(lo: Int, hi: Int, label: Int)] {
        // Code point offsets to UTF-8 offsets.
        var byteOffset: [Int] = []
        byteOffset.reserveCapacity(gold.text.unicodeScalars.count + 1)
        var b = 0
        for u in gold.text.unicodeScalars { byteOffset.append(b); b += UTF8.width(u) }
        byteOffset.append(b)
        var out: [(lo: Int, hi: Int, label: Int)] = []
        var t = 0
        for e in gold.entities.sorted(by: { $0.start < $1.start }) {
            guard var label = modelLabel(e.label), e.end < byteOffset.count else { continue }
            let start = byteOffset[e.start], end = byteOffset[e.end]
            while t > 0 && view.end(t - 1) > start { t -= 1 }
            while t < view.count && view.end(t) <= start { t += 1 }
            var lo = t, hi = t
            while hi < view.count && view.start(hi) < end { hi += 1 }
            guard lo < hi else { continue }
            while hi - lo > 1, view.lower(lo) == the { lo += 1 }
            if label == 0 {
                while hi - lo > 1, view.lexicons.titles[view.titleHash(lo, lo + 1)] != nil, view.isCapitalized(lo) {
                    lo += 1
                    if hi - lo > 1, view.isByte(lo, ".") { lo += 1 }
                }
            }
            if label == 4, view.lexicons.gazetteer[view.phraseHash(lo, hi)] == .norp { label = 3 }
            if let last = out.last, last.hi > lo { continue }
            out.append((lo, hi, label))
        }
        return out
    }

    static let the = PhraseHash.of("the")
}

/// The weights being learned, with the running sums that give their average (Collins 2002; the lazy
/// update of Daumé's thesis), so the kept model is the average over all steps, not the last one.
struct Perceptron: TagScorer {
    let tags: BILOUTags
    /// Feature hash → row, for features seen at least `minimumCount` times.
    private(set) var rowOf: [UInt64: Int32] = [:]
    private(set) var hashOf: [UInt64] = []
    private var weights: [Float] = []
    private var sums: [Double] = []
    private var stamps: [Int32] = []
    private var clock: Int32 = 1

    init(tags: BILOUTags, sequences: [EntityModelTrainer.Sequence], minimumCount: Int) {
        self.tags = tags
        var counts: [UInt64: Int] = [:]
        var firstSeen: [UInt64] = []
        var hashes: [UInt64] = []
        for s in sequences {
            var memory = TokenFeatures.Memory()
            for sentence in s.features.sentences {
                for i in sentence {
                    Self.features(s.features, i, previous: i > sentence.lowerBound ? s.gold[i - 1] : 0,
                                  memory: memory, tags: tags, into: &hashes)
                    for h in hashes {
                        let n = counts[h, default: 0]
                        if n == 0 { firstSeen.append(h) }
                        counts[h] = n + 1
                    }
                }
                for i in sentence { memory.record(s.features, i, tag: s.gold[i], tags: tags) }
            }
        }
        for h in firstSeen where counts[h]! >= minimumCount {
            rowOf[h] = Int32(hashOf.count)
            hashOf.append(h)
        }
        let size = hashOf.count * tags.count
        weights = [Float](repeating: 0, count: size)
        sums = [Double](repeating: 0, count: size)
        stamps = [Int32](repeating: 0, count: size)
    }

    /// The features the decoder scores for token i given the previous tag, or none where it scores nothing
    /// (a token the model does not look at, after a closed tag).
    static func features(_ f: TokenFeatures, _ i: Int, previous: Int, memory: TokenFeatures.Memory,
                         tags: BILOUTags, into hashes: inout [UInt64]) {
        hashes.removeAll(keepingCapacity: true)
        guard f.candidate[i] || !tags.canEnd(previous) else { return }
        f.observations(i, into: &hashes)
        if let m = memory.feature(f, i) { hashes.append(m) }
        let (word, shape) = f.history(i, previous: previous)
        hashes.append(TokenFeatures.mix(.prevTag, UInt64(previous)))
        hashes.append(word)
        hashes.append(shape)
    }

    func add(_ hash: UInt64, to scores: UnsafeMutablePointer<Float>) {
        guard let r = rowOf[hash] else { return }
        let t = tags.count, base = Int(r) * t
        for k in 0..<t { scores[k] += weights[base + k] }
    }

    private mutating func update(_ row: Int32, _ tag: Int, _ delta: Float) {
        let k = Int(row) * tags.count + tag
        sums[k] += Double(clock - stamps[k]) * Double(weights[k])
        stamps[k] = clock
        weights[k] += delta
    }

    /// One pass over a document, a sentence at a time: decode as `EntityModel.tag` does, and where a tag is
    /// not an accepted one, move the weights toward the best path the gold annotation accepts (the gold tags,
    /// or another labelling of a label the source does not annotate) and away from the decoded one.
    /// Returns the number of tokens tagged wrongly.
    mutating func learn(_ s: EntityModelTrainer.Sequence) -> Int {
        var mistakes = 0
        var decoder = ViterbiDecoder(tags: tags)
        // The search for the best path the gold annotation accepts keeps every tag, so it always finds one.
        var oracle = ViterbiDecoder(tags: tags, beam: tags.count)
        var memory = TokenFeatures.Memory()
        var good: [UInt64] = [], bad: [UInt64] = []
        for sentence in s.features.sentences {
            let guess = decoder.decode(s.features, sentence, memory: memory, scorer: self) ?? []
            var chosen = guess
            let wrong = zip(sentence, guess).filter { s.accepted[$0] & (1 << UInt32($1)) == 0 }.count
            if wrong > 0, guess.count == sentence.count,
               let best = oracle.decode(s.features, sentence, memory: memory, scorer: self,
                                        allowed: { i, t in s.accepted[i] & (1 << UInt32(t)) != 0 }) {
                mistakes += wrong
                chosen = best
                for (step, i) in sentence.enumerated() {
                    let p = step > 0 ? best[step - 1] : 0, q = step > 0 ? guess[step - 1] : 0
                    guard best[step] != guess[step] || p != q else { continue }
                    Self.features(s.features, i, previous: p, memory: memory, tags: tags, into: &good)
                    Self.features(s.features, i, previous: q, memory: memory, tags: tags, into: &bad)
                    for h in good { if let r = rowOf[h] { update(r, best[step], 1) } }
                    for h in bad { if let r = rowOf[h] { update(r, guess[step], -1) } }
                }
            }
            for (step, i) in sentence.enumerated() where step < chosen.count {
                memory.record(s.features, i, tag: chosen[step], tags: tags)
            }
            clock += Int32(sentence.count)
        }
        return mistakes
    }

    /// The weights averaged over every step so far.
    func averaged() -> [Float] {
        weights.indices.map { k in
            let total = sums[k] + Double(clock - stamps[k]) * Double(weights[k])
            return Float(total / Double(clock))
        }
    }

    /// Rows with at least one weight that survives pruning, for `EntityModel`.
    func rows(_ w: [Float]) -> [(hash: UInt64, weights: [Float])] {
        let t = tags.count
        let largest = w.reduce(Float(0)) { max($0, abs($1)) }
        let floor = largest / 2000
        return hashOf.indices.compactMap { r in
            let row = Array(w[r * t..<(r + 1) * t]).map { abs($0) < floor ? 0 : $0 }
            return row.contains { $0 != 0 } ? (hashOf[r], row) : nil
        }
    }
}

/// A small seeded generator, so a seed gives the same shuffles on every machine and toolchain.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates with this generator (the standard library's shuffle may change between versions).
    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}
