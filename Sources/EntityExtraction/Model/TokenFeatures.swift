import PipelineKit

/// The observations the sequence model scores for each token, as 64-bit feature hashes: the word and its
/// shape, affixes, neighbours, capitalization, sentence position and headline lines, hits in the module's
/// lexicons, and what the rules (`NameRecognizer`, `NumberRecognizer`, user rules) said about the token.
/// `Memory` adds, while tagging, what the model said about the same word earlier in the document.
///
/// Training and extraction build features with this one type, so they cannot drift apart.
///
/// ```swift
/// let features = TokenFeatures(view: view, rules: ruleSpans)
/// var hashes: [UInt64] = []
/// features.observations(3, into: &hashes)      // then look each hash up in the model
/// ```
struct TokenFeatures {
    let view: EntityTokens
    /// Per token, for the features that pair the previous tags with the word.
    private(set) var shape: [UInt64] = []
    /// Whether the model looks at a token that does not continue an open name: any word that is not a
    /// lower-case common English word. Punctuation, numbers and "the", "said", "of" are O unless they
    /// continue a name ("Bank of England"), which keeps the model off three tokens in four of news text.
    private(set) var candidate: [Bool] = []
    /// The units the decoder tags one at a time: sentences, split at line breaks too (headlines, captions).
    private(set) var sentences: [Range<Int>] = []
    private var ruleTag: [UInt64] = []
    private var ruleLabel: [UInt64] = []
    private var gazetteer: [UInt64] = []
    private var lowercaseWords = HashTable64<Bool>()
    private var lineCase: [UInt64] = []

    var count: Int { view.count }

    /// Feature families; a hash is (family, value) mixed, so values of different families never collide by design.
    enum F: UInt64 {
        case bias = 1, word, form, shape, prefix1, prefix2, prefix3, suffix1, suffix2, suffix3, suffix4
        case prevWord, nextWord, prev2Word, next2Word, prevShape, nextShape, prevBigram, nextBigram
        case flags, kind, length, firstName, surname, common, title, afterTitle, orgWord, orgHead, eventWord
        case locWord, legal, gazetteer, rule, prevRule, nextRule, lowerElsewhere, prevTag, prevTagWord, prevTagShape
        case lineCase, earlierLabel
    }

    /// What the model said about the same word earlier in the document: a name keeps its type when a later
    /// mention has less context ("Mr. Sabeti" ... "Sabeti said"), as in Ratinov and Roth (2009). Training and
    /// tagging both feed it the tags they chose, in text order.
    ///
    /// ```swift
    /// var memory = TokenFeatures.Memory()
    /// if let f = memory.feature(features, i) { hashes.append(f) }   // before scoring token i
    /// memory.record(features, i, tag: chosen, tags: tags)          // after choosing its tag
    /// ```
    struct Memory {
        private var last = HashTable64<UInt8>(capacity: 64)
        init() {}
        func feature(_ f: TokenFeatures, _ i: Int) -> UInt64? {
            guard let l = last[f.view.lower(i)] else { return nil }
            return TokenFeatures.mix(.earlierLabel, UInt64(l) &* 4 &+ (f.view.isCapitalized(i) ? 1 : 0))
        }
        mutating func record(_ f: TokenFeatures, _ i: Int, tag: Int, tags: BILOUTags) {
            guard f.view.isCapitalized(i) || f.view.isAllCaps(i) else { return }
            last[f.view.lower(i)] = UInt8(tags.label(of: tag).map { $0 + 1 } ?? 0)
        }
    }

    @inline(__always) static func mix(_ family: F, _ value: UInt64) -> UInt64 {
        var z = (family.rawValue &* 0x9E37_79B9_7F4A_7C15) ^ value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func text(_ s: String) -> UInt64 { PhraseHash.of(s) }
    static let boundary = text("<s>")
    static let kinds: [UInt64] = [Token.Kind.word, .number, .quote, .punctuation, .symbol, .clitic, .other].map { text($0.rawValue) }
    @inline(__always) static func kindHash(_ kind: Token.Kind) -> UInt64 {
        switch kind {
        case .word: kinds[0]
        case .number: kinds[1]
        case .quote: kinds[2]
        case .punctuation: kinds[3]
        case .symbol: kinds[4]
        case .clitic: kinds[5]
        case .other: kinds[6]
        }
    }

    /// The features that pair the previous token's tag with this token's word and shape (the third, the tag
    /// alone, is `mix(.prevTag, previous)`; see `TagScorer.addTransition`).
    @inline(__always) func history(_ i: Int, previous: Int) -> (word: UInt64, shape: UInt64) {
        let p = UInt64(previous)
        return (Self.mix(.prevTagWord, view.lower(i) &+ p), Self.mix(.prevTagShape, shape[i] &+ p))
    }

    /// `rules`: spans the rules proposed, as token ranges with a label (GPE, FAC folded into LOC).
    init(view: EntityTokens, rules: [(lo: Int, hi: Int, label: EntityLabel)]) {
        self.view = view
        let n = view.count
        shape = (0..<n).map { Self.shapeHash(view, $0) }
        candidate = (0..<n).map { view.kind($0) == .word && !(view.isLower($0) && view.isCommonWord($0)) }
        ruleTag = [UInt64](repeating: 0, count: n)
        ruleLabel = [UInt64](repeating: 0, count: n)
        for r in rules where r.lo < r.hi && r.hi <= n {
            let label = Self.coarse(r.label)
            for k in r.lo..<r.hi {
                let position: UInt64 = r.hi - r.lo == 1 ? 4 : k == r.lo ? 1 : k == r.hi - 1 ? 3 : 2
                ruleTag[k] = label &* 8 &+ position
                ruleLabel[k] = label
                candidate[k] = true
            }
        }
        gazetteer = [UInt64](repeating: 0, count: n)
        Self.gazetteerTags(view, into: &gazetteer)
        // A capitalized word that also occurs in lower case in the same document is likely a common word.
        lowercaseWords = HashTable64<Bool>(capacity: n)
        for i in 0..<n where view.isLower(i) { lowercaseWords[view.lower(i)] = true }
        lineCase = Self.lineCases(view)
        var lo = 0
        for i in 1..<max(1, n) where view.sentenceInitial[i] || view.lineBreakBefore(i) {
            sentences.append(lo..<i)
            lo = i
        }
        if lo < n { sentences.append(lo..<n) }
    }

    /// Per token, whether its line or sentence reads like a headline: most longer words capitalized (1) or
    /// all in capitals (2); 0 otherwise. There capitalization says little about names.
    static func lineCases(_ view: EntityTokens) -> [UInt64] {
        let n = view.count
        var out = [UInt64](repeating: 0, count: n)
        var lo = 0
        while lo < n {
            var hi = lo + 1
            while hi < n && !view.lineBreakBefore(hi) && !view.sentenceInitial[hi] { hi += 1 }
            var words = 0, caps = 0, upper = 0
            for k in lo..<hi where view.isWord(k) && view.length(k) >= 4 {
                words += 1
                if view.isAllCaps(k) { upper += 1 } else if view.isCapitalized(k) { caps += 1 }
            }
            let kind: UInt64 = words >= 3 && upper * 5 >= words * 4 ? 2 : words >= 3 && (caps + upper) * 5 >= words * 4 ? 1 : 0
            if kind != 0 { for k in lo..<hi { out[k] = kind } }
            lo = hi
        }
        return out
    }

    /// Appends the features of token i that do not depend on the tags.
    func observations(_ i: Int, into out: inout [UInt64]) {
        let view = self.view, lex = view.lexicons, n = view.count, lower = view.lowerHashes
        func add(_ f: F, _ v: UInt64) { out.append(Self.mix(f, v)) }
        let w = lower[i], form = view.hash(i)
        add(.bias, 0)
        add(.word, w)
        add(.form, form)
        add(.shape, shape[i])
        Self.affixes(view, i) { f, v in add(f, v) }
        let prev = i > 0 ? lower[i - 1] : Self.boundary, next = i + 1 < n ? lower[i + 1] : Self.boundary
        add(.prevWord, prev)
        add(.nextWord, next)
        add(.prev2Word, i > 1 ? lower[i - 2] : Self.boundary)
        add(.next2Word, i + 2 < n ? lower[i + 2] : Self.boundary)
        add(.prevShape, i > 0 ? shape[i - 1] : Self.boundary)
        add(.nextShape, i + 1 < n ? shape[i + 1] : Self.boundary)
        add(.prevBigram, prev &* 31 &+ w)
        add(.nextBigram, w &* 31 &+ next)
        let cap = view.isCapitalized(i), initial = view.sentenceInitial[i], common = view.isCommonWord(i)
        let flags: UInt64 = (cap ? 1 : 0) | (initial ? 2 : 0) | (common ? 4 : 0) | (view.isAllCaps(i) ? 8 : 0)
            | (view.lineBreakBefore(i) ? 16 : 0)
        add(.flags, flags)
        add(.kind, Self.kindHash(view.kind(i)))
        add(.length, UInt64(min(view.length(i), 12)))
        if lex.firstNames[form] != nil { add(.firstName, cap ? 1 : 0) }
        if lex.surnames.contains(form) { add(.surname, cap ? 1 : 0) }
        if common { add(.common, cap ? 1 : 0) }
        if cap {
            if lex.titles[view.titleHash(i, i + 1)] != nil { add(.title, 0) }
            if lex.orgWords.contains(form) { add(.orgWord, 0) }
            if lex.orgHeads.contains(form) { add(.orgHead, 0) }
            if lex.eventWords.contains(form) { add(.eventWord, 0) }
            if let l = lex.locWords[form] { add(.locWord, Self.coarse(l)) }
            if lex.legalSuffixes.contains(form) { add(.legal, 0) }
        }
        if i > 0, view.isCapitalized(i - 1) || view.isByte(i - 1, "."),
           lex.titles[view.titleHash(i - 1, i)] != nil || (i > 1 && lex.titles[view.titleHash(i - 2, i)] != nil) {
            add(.afterTitle, cap ? 1 : 0)
        }
        if gazetteer[i] != 0 { add(.gazetteer, gazetteer[i]) }
        add(.rule, ruleTag[i])
        add(.prevRule, i > 0 ? ruleLabel[i - 1] : 99)
        add(.nextRule, i + 1 < n ? ruleLabel[i + 1] : 99)
        if cap && lowercaseWords[w] != nil { add(.lowerElsewhere, initial ? 1 : 0) }
        if lineCase[i] != 0 { add(.lineCase, lineCase[i] &* 4 &+ (cap ? 1 : 0) &+ (view.isAllCaps(i) ? 2 : 0)) }
    }

    /// A small number per label family, so PERSON from a rule and PERSON from the gazetteer share a meaning.
    static func coarse(_ label: EntityLabel) -> UInt64 {
        switch label {
        case .person: 1
        case .org: 2
        case .gpe, .loc, .fac: 3
        case .norp: 4
        case .date, .time: 5
        case .money, .percent, .quantity, .cardinal, .ordinal: 6
        case .event, .product, .law: 7
        default: 8
        }
    }

    /// "Xxxx" → "Xx", "U.S." → "X.X.", "1,200" → "d,d": character classes with runs collapsed.
    static func shapeHash(_ view: EntityTokens, _ i: Int) -> UInt64 {
        var h = PhraseHash()
        var last: UInt8 = 0
        for k in view.start(i)..<view.end(i) {
            let b = view.bytes[k]
            if b >= 0x80 && b < 0xC0 { continue }
            let c: UInt8 = b >= 0x41 && b <= 0x5A ? 0x58 : b >= 0x61 && b <= 0x7A ? 0x78 : b >= 0x30 && b <= 0x39 ? 0x64 : b >= 0xC0 ? (view.isCapitalized(i) && k == view.start(i) ? 0x58 : 0x78) : b
            if c != last { h.add(byte: c) }
            last = c
        }
        return h.value
    }

    static func affixes(_ view: EntityTokens, _ i: Int, _ add: (F, UInt64) -> Void) {
        let s = view.start(i), e = view.end(i)
        func lowered(_ k: Int) -> UInt64 { let b = view.bytes[k]; return UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        var h: UInt64 = 0
        for (n, f) in [F.prefix1, .prefix2, .prefix3].enumerated() where s + n < e {
            h = h &* 257 &+ lowered(s + n)
            add(f, h)
        }
        h = 0
        for (n, f) in [F.suffix1, .suffix2, .suffix3, .suffix4].enumerated() where e - 1 - n >= s {
            h = h &* 257 &+ lowered(e - 1 - n)
            add(f, h)
        }
    }

    /// The longest gazetteer phrase (up to 6 tokens) at each token, as position × label.
    static func gazetteerTags(_ view: EntityTokens, into tags: inout [UInt64]) {
        let gazetteer = view.lexicons.gazetteer
        let n = view.count
        var i = 0
        while i < n {
            guard view.isWord(i), view.isCapitalized(i) || view.isAllCaps(i) else { i += 1; continue }
            var best: (hi: Int, label: EntityLabel)?
            var hash = PhraseHash()
            var j = i
            while j < min(n, i + 6), view.end(j) - view.start(i) <= 64 {
                view.extend(&hash, with: j, first: j == i)
                j += 1
                if let label = gazetteer[hash.value] { best = (j, label) }
            }
            guard let (hi, label) = best else { i += 1; continue }
            let l = coarse(label) &* 8 + (label == .gpe ? 64 : 0)
            for k in i..<hi { tags[k] = l &+ (hi - i == 1 ? 4 : k == i ? 1 : k == hi - 1 ? 3 : 2) }
            i = hi
        }
    }
}
