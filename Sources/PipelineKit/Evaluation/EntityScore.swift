/// Precision, recall and F1 of predicted entity spans against gold spans, per label and micro-averaged,
/// exactly as ../shared/eval/ner/score.py counts them:
/// - exact: a prediction is right when (start, end, label) equals a gold span (multiset counts);
/// - partial: one-to-one greedy matching of same-label overlapping spans, largest overlap first.
///
/// ```swift
/// var score = EntityScore(labelMap: ["GPE": "LOC", "FAC": "LOC"])
/// score.add(gold: goldSpans, predicted: systemSpans)
/// print(score.micro(EntityScore.core, partial: false).f1)
/// ```
public struct EntityScore: Sendable {
    public struct PRF: Sendable, Equatable {
        public var p: Double
        public var r: Double
        public var f1: Double

        init(tp: Int, predicted: Int, gold: Int) {
            p = predicted > 0 ? Double(tp) / Double(predicted) : 0
            r = gold > 0 ? Double(tp) / Double(gold) : 0
            f1 = p + r > 0 ? 2 * p * r / (p + r) : 0
        }
    }

    /// The headline labels of score.py: PERSON, ORG, LOC.
    public static let core = ["PERSON", "ORG", "LOC"]
    /// System labels folded into gold ones before counting (score.py's `--map GPE=LOC,FAC=LOC`);
    /// an empty target drops the label.
    public var labelMap: [String: String]

    public private(set) var gold: [String: Int] = [:]
    public private(set) var predicted: [String: Int] = [:]
    public private(set) var exactHits: [String: Int] = [:]
    public private(set) var partialHits: [String: Int] = [:]

    public init(labelMap: [String: String] = ["GPE": "LOC", "FAC": "LOC"]) {
        self.labelMap = labelMap
    }

    /// Adds one document's spans (any offsets, as long as both sides use the same).
    public mutating func add(gold goldSpans: [GoldDocument.Span], predicted predictedSpans: [GoldDocument.Span]) {
        let g = goldSpans
        let p = predictedSpans.compactMap { s -> GoldDocument.Span? in
            let label = labelMap[s.label] ?? s.label
            return label.isEmpty ? nil : GoldDocument.Span(start: s.start, end: s.end, label: label)
        }
        for s in g { gold[s.label, default: 0] += 1 }
        for s in p { predicted[s.label, default: 0] += 1 }
        var goldCounts: [GoldDocument.Span: Int] = [:]
        for s in g { goldCounts[s, default: 0] += 1 }
        var predictedCounts: [GoldDocument.Span: Int] = [:]
        for s in p { predictedCounts[s, default: 0] += 1 }
        for (s, n) in predictedCounts { exactHits[s.label, default: 0] += min(n, goldCounts[s] ?? 0) }

        var candidates: [(overlap: Int, i: Int, j: Int)] = []
        for (i, a) in g.enumerated() {
            for (j, b) in p.enumerated() where a.label == b.label && b.start < a.end && a.start < b.end {
                candidates.append((min(a.end, b.end) - max(a.start, b.start), i, j))
            }
        }
        candidates.sort { ($0.overlap, -$0.i, -$0.j) > ($1.overlap, -$1.i, -$1.j) }
        var usedGold = Set<Int>(), usedPredicted = Set<Int>()
        for c in candidates where !usedGold.contains(c.i) && !usedPredicted.contains(c.j) {
            usedGold.insert(c.i)
            usedPredicted.insert(c.j)
            partialHits[g[c.i].label, default: 0] += 1
        }
    }

    public func label(_ label: String, partial: Bool) -> PRF {
        PRF(tp: (partial ? partialHits : exactHits)[label] ?? 0, predicted: predicted[label] ?? 0, gold: gold[label] ?? 0)
    }

    public func micro(_ labels: [String], partial: Bool) -> PRF {
        let hits = partial ? partialHits : exactHits
        return PRF(tp: labels.reduce(0) { $0 + (hits[$1] ?? 0) }, predicted: labels.reduce(0) { $0 + (predicted[$1] ?? 0) },
                   gold: labels.reduce(0) { $0 + (gold[$1] ?? 0) })
    }

    /// Every label seen on either side: the core ones and DATE first, as score.py lists them.
    public var labels: [String] {
        Set(gold.keys).union(predicted.keys).sorted { a, b in
            let ka = !(Self.core + ["DATE"]).contains(a), kb = !(Self.core + ["DATE"]).contains(b)
            return ka != kb ? !ka : a < b
        }
    }
}
