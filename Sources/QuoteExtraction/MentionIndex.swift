import PipelineKit

/// The entity layer seen by token: which mention covers a token, and the entity behind it.
/// Empty when no entity step ran; every rule then falls back to the words themselves.
///
/// ```swift
/// let mentions = MentionIndex(document, view: view)
/// if let m = mentions.mention(covering: i) { print(mentions.entity(of: m)?.name ?? "") }
/// ```
struct MentionIndex {
    let mentions: [EntityMention]
    /// For each token, the index of the mention covering it, or -1.
    private let owner: [Int]
    private let ranges: [Range<Int>]
    private let entities: [String: Entity]

    init(_ document: Document, view: QuoteTokens) {
        // Sorted by start, as the look-backs search them (an outside entity step may write them in any order).
        let found = document.entities
        mentions = zip(found, found.dropFirst()).allSatisfy { $0.span.start <= $1.span.start }
            ? found : found.sorted { $0.span.start < $1.span.start }
        var owner = [Int](repeating: -1, count: view.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(mentions.count)
        for (k, m) in mentions.enumerated() {
            let range = view.index.tokens(overlapping: m.span)
            for t in range where owner[t] == -1 { owner[t] = k }
            ranges.append(range)
        }
        self.owner = owner
        self.ranges = ranges
        var entities: [String: Entity] = [:]
        for e in document.entityTable { entities[e.id] = e }
        self.entities = entities
    }

    var isEmpty: Bool { mentions.isEmpty }

    func mention(covering token: Int) -> Int? {
        guard token >= 0, token < owner.count, owner[token] >= 0 else { return nil }
        return owner[token]
    }

    func tokenRange(_ mention: Int) -> Range<Int> { ranges[mention] }

    func entity(of mention: Int) -> Entity? { mentions[mention].entityID.flatMap { entities[$0] } }

    /// People, organizations and places can speak ("Tehran said"); dates and numbers cannot.
    func isSpeakerLike(_ mention: Int) -> Bool {
        let l = mentions[mention].label
        return l == .person || l == .org || l == .gpe || l == .norp
    }

    /// The mentions whose tokens fall inside a token range, speaker-like only: people first, then
    /// organizations, then places; the last one first within a kind, as English puts the head of a phrase
    /// last («Paris based International Energy Agency»).
    func speakerMentions(in range: Range<Int>) -> [Int] {
        var found: [Int] = []
        for t in range { if let m = mention(covering: t), isSpeakerLike(m), !found.contains(m) { found.append(m) } }
        func rank(_ m: Int) -> Int {
            switch mentions[m].label {
            case .person: 0
            case .org: 1
            case .norp: 2
            default: 3
            }
        }
        return found.reversed().enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// The last person mention before a token (and after `lowerBound`), with a compatible gender, outside
    /// quotations, passing `accept`. Walks at most `window` mentions back, so a long document stays linear.
    func lastPerson(before token: Int, from lowerBound: Int = 0, gender: String?, quoted: [Bool] = [],
                    window: Int = 400, where accept: (Int) -> Bool = { _ in true }) -> Int? {
        var k = lastMention(before: token)
        var seen = 0
        while k >= 0, seen < window {
            let r = ranges[k]
            if r.lowerBound < lowerBound { break }
            seen += 1
            if mentions[k].label == .person, !r.isEmpty, quoted.isEmpty || !quoted[r.lowerBound],
               gender == nil || entity(of: k)?.gender == nil || entity(of: k)?.gender == gender, accept(k) {
                return k
            }
            k -= 1
        }
        return nil
    }

    /// The first person mention after `token` passing `accept`, within `window` mentions: «The home secretary
    /// said … Home Secretary Charles Clarke».
    func nextPerson(after token: Int, window: Int = 200, where accept: (Int) -> Bool) -> Int? {
        var k = lastMention(before: token + 1) + 1
        let end = min(ranges.count, k + window)
        while k < end {
            if mentions[k].label == .person, accept(k) { return k }
            k += 1
        }
        return nil
    }

    /// The index of the last mention that starts before `token`, or -1.
    private func lastMention(before token: Int) -> Int {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lowerBound < token { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// The last person mentioned before `token` whose title or role holds `word` ("minister" →
    /// "Transport Minister Alan Whitcombe"), for descriptions such as "the minister".
    func lastPerson(before token: Int, withRoleWord word: String, quoted: [Bool] = []) -> Int? {
        lastPerson(before: token, gender: nil, quoted: quoted) { hasRole($0, word) }
    }

    /// Whether a person mention's title or role holds `word`.
    func hasRole(_ m: Int, _ word: String) -> Bool {
        let attributes = mentions[m].attributes.merging(entity(of: m)?.attributes ?? [:]) { a, _ in a }
        return [attributes["title"], attributes["role"]].compactMap { $0 }
            .contains { $0.lowercased().split(whereSeparator: { !$0.isLetter }).contains { $0 == word } }
    }

    /// The last organization or place mention before a token, for "it" and "they".
    func lastGroup(before token: Int, from lowerBound: Int = 0) -> Int? {
        var t = token - 1
        while t >= lowerBound {
            if let m = mention(covering: t), mentions[m].label == .org || mentions[m].label == .gpe || mentions[m].label == .norp {
                return m
            }
            t -= 1
        }
        return nil
    }
}
