/// Quote spans and speakers against gold, counted as ../shared/eval/quotes/score.py counts them
/// (unit "fragment"): every fragment of a gold quote is one gold unit with the quote's speaker and kind,
/// every fragment of a system quote one system unit; one-to-one greedy matching per document, best first.
///
/// `kinds` restricts the gold quotes that count, as score.py's `--kinds`: matching runs against every gold
/// unit, and a system unit matched to a gold unit of another kind is ignored (neither right nor wrong);
/// an unmatched system unit is wrong. Nil counts every gold quote, with or without a kind.
///
/// ```swift
/// var score = QuoteScore(kinds: ["direct"])
/// score.add(text: goldText, gold: goldQuotes, system: systemUnits)
/// print(score.overlap.f1, score.speakerAccuracy)
/// ```
public struct QuoteScore: Sendable {
    /// A system quote fragment in code points, with the speaker as written ("he", "Mr. Trump") or nil.
    public struct Unit: Sendable {
        public var start: Int
        public var end: Int
        public var speaker: String?
        public init(start: Int, end: Int, speaker: String?) {
            self.start = start
            self.end = end
            self.speaker = speaker
        }
    }

    /// How speakers are compared.
    public enum Speakers: Sendable {
        /// The speaker as written at the quote ("he", "Mr Rao"), against gold written the same way: score.py's
        /// lenient match (`speakersMatch`).
        case asWritten
        /// The resolved name ("Vijay Rao"), against gold naming speakers in full: `resolvedNamesMatch`.
        case resolvedNames
    }

    /// The gold kinds that count ("direct", "mixed", "indirect"); nil: all.
    public let kinds: Set<String>?
    public let speakers: Speakers
    public private(set) var goldCount = 0
    /// System units counted against the overlap match (those not matched to a gold unit of an excluded kind).
    public private(set) var systemCount = 0
    /// The same for the strict and exact matches, which may pair other units.
    public private(set) var strictSystemCount = 0
    public private(set) var exactSystemCount = 0
    public private(set) var strictHits = 0
    public private(set) var exactHits = 0
    public private(set) var overlapHits = 0
    public private(set) var speakerPairs = 0
    public private(set) var speakerRight = 0
    public private(set) var namedPairs = 0
    public private(set) var namedRight = 0

    public init(kinds: Set<String>? = nil, speakers: Speakers = .asWritten) {
        self.kinds = kinds
        self.speakers = speakers
    }

    public var strict: EntityScore.PRF { .init(tp: strictHits, predicted: strictSystemCount, gold: goldCount) }
    public var exact: EntityScore.PRF { .init(tp: exactHits, predicted: exactSystemCount, gold: goldCount) }
    public var overlap: EntityScore.PRF { .init(tp: overlapHits, predicted: systemCount, gold: goldCount) }
    /// Over overlap-matched pairs: the speaker agrees (see `speakersMatch`).
    public var speakerAccuracy: Double { speakerPairs > 0 ? Double(speakerRight) / Double(speakerPairs) : 0 }
    /// The same, over gold speakers that are names (not a pronoun, not null).
    public var namedSpeakerAccuracy: Double { namedPairs > 0 ? Double(namedRight) / Double(namedPairs) : 0 }
    /// End to end: an overlap match with the right speaker.
    public var attribution: EntityScore.PRF { .init(tp: speakerRight, predicted: systemCount, gold: goldCount) }

    public mutating func add(text: String, gold: [GoldDocument.Quote], system: [Unit]) {
        let scalars = Array(text.unicodeScalars)
        var golds: [(frags: [Range<Int>], speaker: String?, counts: Bool)] = []
        for q in gold {
            let frags = q.fragments.isEmpty ? [q.start..<q.end] : q.fragments
            let counts = kinds.map { q.kind.map($0.contains) ?? false } ?? true
            for f in frags { golds.append(([f], q.speaker, counts)) }
        }
        let systems = system.filter { $0.end > $0.start }
        goldCount += golds.count(where: { $0.counts })
        // Pairs with a gold unit of an excluded kind are set aside: that system unit is neither right nor wrong.
        func tally(_ pairs: [(Int, Int)]) -> (hits: Int, system: Int) {
            let hits = pairs.count(where: { golds[$0.0].counts })
            return (hits, systems.count - (pairs.count - hits))
        }

        let strict = tally(Self.match(golds.count, systems.count) { g, s in
            golds[g].frags[0] == systems[s].start..<systems[s].end ? 1 : nil
        })
        strictHits += strict.hits
        strictSystemCount += strict.system
        let exact = tally(Self.match(golds.count, systems.count) { g, s in
            Self.trim(scalars, golds[g].frags[0]) == Self.trim(scalars, systems[s].start..<systems[s].end) ? 1 : nil
        })
        exactHits += exact.hits
        exactSystemCount += exact.system
        let pairs = Self.match(golds.count, systems.count) { g, s in
            let length = golds[g].frags.reduce(0) { $0 + $1.count }
            let covered = golds[g].frags.reduce(0) { $0 + max(0, min(systems[s].end, $1.upperBound) - max(systems[s].start, $1.lowerBound)) }
            guard length > 0, Double(covered) / Double(length) >= 0.5 else { return nil }
            return Double(covered) / Double(length)
        }
        let overlap = tally(pairs)
        overlapHits += overlap.hits
        systemCount += overlap.system
        for (g, s) in pairs where golds[g].counts {
            let right = speakers == .asWritten ? Self.speakersMatch(golds[g].speaker, systems[s].speaker)
                : Self.resolvedNamesMatch(golds[g].speaker, systems[s].speaker)
            speakerPairs += 1
            if right { speakerRight += 1 }
            if let tokens = Self.nameTokens(golds[g].speaker), !tokens.isEmpty,
               !(tokens.count == 1 && Self.pronouns.contains(tokens[0])) {
                namedPairs += 1
                if right { namedRight += 1 }
            }
        }
    }

    static let trimmed: Set<Unicode.Scalar> = Set(" \t\r\n\u{00A0}\"“”„«»″'‘’.,;:!?".unicodeScalars)
    static let pronouns: Set<String> = ["he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "us", "me",
                                        "his", "its", "their", "who", "whom", "which", "that", "this", "these", "those",
                                        "one", "some", "others", "himself", "herself", "themselves", "itself", "our",
                                        "my", "your"]

    static func trim(_ scalars: [Unicode.Scalar], _ r: Range<Int>) -> Range<Int> {
        var s = r.lowerBound, e = r.upperBound
        while s < e, trimmed.contains(scalars[s]) { s += 1 }
        while e > s, trimmed.contains(scalars[e - 1]) { e -= 1 }
        return s..<e
    }

    /// Lower-cased word tokens without possessive 's, as score.py's `norm_tokens`.
    static func nameTokens(_ name: String?) -> [String]? {
        guard let name else { return nil }
        let n = name.lowercased().replacingOccurrences(of: "’s", with: "").replacingOccurrences(of: "'s", with: "")
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for u in n.unicodeScalars {
            if u.properties.isAlphabetic || u.properties.numericType != nil {
                current.append(u)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Equal, or one a token suffix of the other, or the shorter one's last token (not a pronoun) inside the
    /// longer one: "Soleimani" ~ "Qassim Soleimani"; no speaker matches no speaker.
    public static func speakersMatch(_ gold: String?, _ system: String?) -> Bool {
        let g = nameTokens(gold) ?? [], s = nameTokens(system) ?? []
        if g.isEmpty || s.isEmpty { return g.isEmpty && s.isEmpty }
        if g == s { return true }
        let (short, long) = g.count <= s.count ? (g, s) : (s, g)
        if Array(long.suffix(short.count)) == short { return true }
        let last = short[short.count - 1]
        return !pronouns.contains(last) && last.count > 1 && long.contains(last)
    }

    /// Strict, for resolved names: the same words, case and punctuation aside, after a leading "the" and
    /// courtesy titles (Mr, Mrs, Ms, Miss, Dr, Prof, Sir, Dame), which name nobody, are dropped: "Sir Alex
    /// Ferguson" ~ "Alex Ferguson", "the Football Association" ~ "Football Association"; "Ferguson" is not
    /// "Alex Ferguson", nor "Lord Falconer" "Falconer" (a peer's title is his name). No speaker matches no speaker.
    public static func resolvedNamesMatch(_ gold: String?, _ system: String?) -> Bool {
        func words(_ name: String?) -> [String] {
            var w = nameTokens(name) ?? []
            while let first = w.first, courtesy.contains(first) { w.removeFirst() }
            return w
        }
        return words(gold) == words(system)
    }

    static let courtesy: Set<String> = ["the", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"]

    /// Greedy one-to-one matching, highest score first, then gold order, then system order.
    static func match(_ goldCount: Int, _ systemCount: Int, _ score: (Int, Int) -> Double?) -> [(Int, Int)] {
        var candidates: [(Double, Int, Int)] = []
        for g in 0..<goldCount { for s in 0..<systemCount { if let sc = score(g, s) { candidates.append((sc, g, s)) } } }
        candidates.sort { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) }
        var usedGold = Set<Int>(), usedSystem = Set<Int>(), pairs: [(Int, Int)] = []
        for (_, g, s) in candidates where !usedGold.contains(g) && !usedSystem.contains(s) {
            usedGold.insert(g)
            usedSystem.insert(s)
            pairs.append((g, s))
        }
        return pairs
    }
}
