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
        mentions = document.entities
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

    /// The last person mention before a token (and after `lowerBound`), with a compatible gender.
    func lastPerson(before token: Int, from lowerBound: Int = 0, gender: String?) -> Int? {
        var t = token - 1
        while t >= lowerBound {
            if let m = mention(covering: t) {
                if mentions[m].label == .person, gender == nil || entity(of: m)?.gender == nil || entity(of: m)?.gender == gender {
                    return m
                }
                t = ranges[m].lowerBound - 1
            } else {
                t -= 1
            }
        }
        return nil
    }

    /// The last organization or place mention before a token, for "it" and "they".
    /// The last person mentioned before `token` whose title or role holds `word` ("minister" →
    /// "Transport Minister Alan Whitcombe"), for descriptions such as "the minister".
    func lastPerson(before token: Int, withRoleWord word: String) -> Int? {
        var t = token - 1
        while t >= 0 {
            if let m = mention(covering: t), mentions[m].label == .person {
                let attributes = mentions[m].attributes.merging(entity(of: m)?.attributes ?? [:]) { a, _ in a }
                let roleWords = [attributes["title"], attributes["role"]].compactMap { $0 }
                    .flatMap { $0.lowercased().split(whereSeparator: { !$0.isLetter }) }
                if roleWords.contains(where: { $0 == word }) { return m }
                t = ranges[m].lowerBound - 1
            } else {
                t -= 1
            }
        }
        return nil
    }

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
