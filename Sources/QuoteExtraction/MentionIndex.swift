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
    private let entityNames: [String?]
    /// Person mentions (indices into `mentions`, by start) whose gender does not rule out "he", "she" or
    /// neither: a look-back binary-searches its list and walks people of that gender only, never every token
    /// or mention between.
    private let people: [Int]
    private let maleOrUnknown: [Int]
    private let femaleOrUnknown: [Int]
    /// Organizations, places and groups (by start), for "it" and "they".
    private let groups: [Int]
    /// Organisations by the initials of their name's capitalized words ("FA" for the Football Association).
    private let byInitials: [String: Entity]

    init(_ document: Document, view: QuoteTokens) {
        // Sorted by start, as the look-backs search them (an outside entity step may write them in any order).
        var found = document.entities
        // «The Scot initially defended Beattie. He said …», «the Dutchman»: a nationality after "the" is a
        // description the entity layer took for a name; the speaker rules read it as one, so it resolves to the
        // person in focus and does not take the focus from them.
        found.removeAll { m in
            guard m.label == .person else { return false }
            let r = view.index.tokens(overlapping: m.span)
            return r.count == 1 && r.lowerBound > 0 && view.lower[r.lowerBound - 1] == "the" && Self.isNationality(view.lower[r.lowerBound])
        }
        if !found.isEmpty { found += Self.titledNames(view, entities: found) }
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
        entityNames = mentions.map { m in m.entityID.flatMap { entities[$0]?.name } }
        var people: [Int] = [], male: [Int] = [], female: [Int] = [], groups: [Int] = []
        for (k, m) in mentions.enumerated() where !ranges[k].isEmpty {
            switch m.label {
            case .person:
                people.append(k)
                let gender = m.entityID.flatMap { entities[$0] }?.gender
                if gender != "female" { male.append(k) }
                if gender != "male" { female.append(k) }
            case .org, .gpe, .norp:
                groups.append(k)
            default:
                break
            }
        }
        self.people = people
        self.maleOrUnknown = male
        self.femaleOrUnknown = female
        self.groups = groups
        var byInitials: [String: Entity] = [:]
        for e in document.entityTable where e.label == .org {
            let words = e.name.split(separator: " ").filter { $0.first?.isUppercase == true }
            guard words.count >= 2 else { continue }
            let initials = String(words.compactMap(\.first))
            if byInitials[initials] == nil { byInitials[initials] = e }
        }
        self.byInitials = byInitials
    }

    /// A person's nationality as a noun: «Scot», «Dutchman», «Brazilian», «Congolese». Not "-an" or "-i" alone:
    /// «the Reagan administration», «the Berlusconi government» name people.
    static func isNationality(_ word: String) -> Bool {
        nationalityNouns.contains(word) || word.utf8.count > 5 && (word.hasSuffix("ian") || word.hasSuffix("ese"))
    }

    private static let nationalityNouns: Set<String> = [
        "scot", "brit", "briton", "swede", "dane", "pole", "finn", "turk", "greek", "czech", "thai", "swiss", "croat",
        "serb", "kurd", "arab", "kiwi", "aussie", "american", "german", "mexican", "moroccan", "kenyan", "ugandan",
        "dutchman", "dutchwoman", "frenchman", "frenchwoman", "englishman", "englishwoman", "irishman", "irishwoman",
        "welshman", "welshwoman", "scotsman", "scotswoman", "iraqi", "israeli", "pakistani", "saudi", "somali",
    ]

    /// «The Attorney General Lord Goldsmith has …», «Mr Oduya said»: a courtesy or peerage title written before
    /// capitalized words names a person, whether or not the entity layer found one there. These people (one
    /// mention each, no entity) join the index so they can be in focus and speak; one pass over the tokens.
    static func titledNames(_ view: QuoteTokens, entities: [EntityMention]) -> [EntityMention] {
        var covered = [Bool](repeating: false, count: view.count)
        for m in entities { for t in view.index.tokens(overlapping: m.span) { covered[t] = true } }
        var added: [EntityMention] = []
        var t = 0
        while t + 1 < view.count {
            defer { t += 1 }
            // «the Lord Chancellor», «Lord Mayor»: an office, not a name.
            guard view.isCapitalized(t), !covered[t], view.lower[t].utf8.count <= 8, personTitles.contains(view.lower[t]),
                  t == 0 || view.lower[t - 1] != "the",
                  CueLexicon.titles[view.lower[t + 1]] == nil, !["mayor", "justice", "advocate", "provost", "privy", "lieutenant"].contains(view.lower[t + 1])
            else { continue }
            var first = t + 1
            if view.lower[first] == ".", first + 1 < view.count { first += 1 }
            var end = first
            while end < view.count, end - first < 3, view.sentence[end] == view.sentence[t], view.isWord(end),
                  view.isCapitalized(end), !covered[end], !personTitles.contains(view.lower[end]) { end += 1 }
            guard end > first else { continue }
            added.append(EntityMention(span: view.span(first, end - 1), label: .person, attributes: ["from": "title"], step: "extract-quotes"))
            t = end - 1
        }
        return added
    }

    private static let personTitles: Set<String> = ["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness"]

    /// «The Football Association … an FA statement»: the organisation named in full whose initials a word is.
    func organisation(initials word: String) -> Entity? { byInitials[word] }

    var isEmpty: Bool { mentions.isEmpty }

    func mention(covering token: Int) -> Int? {
        guard token >= 0, token < owner.count, owner[token] >= 0 else { return nil }
        return owner[token]
    }

    func tokenRange(_ mention: Int) -> Range<Int> { ranges[mention] }

    func entity(of mention: Int) -> Entity? { mentions[mention].entityID.flatMap { entities[$0] } }

    /// The name of the entity behind a mention, looked up once per document: look-backs test hundreds of
    /// people per quotation.
    func entityName(of mention: Int) -> String? { entityNames[mention] }

    /// The person mention covering a token, if one does.
    func person(at token: Int) -> Int? {
        mention(covering: token).flatMap { mentions[$0].label == .person ? $0 : nil }
    }

    /// Whether `word` at `token` reads as a present verb after a person's name («McEnroe wants Roddick»,
    /// «McFadden makes claims»), not as a plural the name modifies («Cesar organisers»).
    func isVerbAfterName(_ word: String, at token: Int) -> Bool {
        token > 0 && CueLexicon.isPresentVerbAfterName(word) && person(at: token - 1) != nil
    }

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
    /// quotations, passing `accept`. Finds its place by binary search and walks back over people of a
    /// compatible gender only, at most `window` of them, so a call costs the same early or late in a long
    /// document.
    func lastPerson(before token: Int, from lowerBound: Int = 0, gender: String?, quoted: [Bool] = [],
                    window: Int = 400, where accept: (Int) -> Bool = { _ in true }) -> Int? {
        let list = gender == "male" ? maleOrUnknown : gender == "female" ? femaleOrUnknown : people
        var i = last(in: list, before: token)
        let stop = max(-1, i - window)
        while i > stop {
            let k = list[i]
            let r = ranges[k]
            if r.lowerBound < lowerBound { break }
            if quoted.isEmpty || !quoted[r.lowerBound], accept(k) { return k }
            i -= 1
        }
        return nil
    }

    /// The first person mention after `token` passing `accept`, within `window` people: «The home secretary
    /// said … Home Secretary Charles Clarke».
    func nextPerson(after token: Int, window: Int = 200, where accept: (Int) -> Bool) -> Int? {
        var i = last(in: people, before: token + 1) + 1
        let end = min(people.count, i + window)
        while i < end {
            if accept(people[i]) { return people[i] }
            i += 1
        }
        return nil
    }

    /// The position in `list` (mention indices by start) of the last mention that starts before `token`, or -1.
    private func last(in list: [Int], before token: Int) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[list[mid]].lowerBound < token { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// The last person mentioned before `token` whose title or role holds `word` ("minister" →
    /// "Transport Minister Alan Whitcombe"), for descriptions such as "the minister".
    func lastPerson(before token: Int, withRoleWord word: String, quoted: [Bool] = [], where accept: (Int) -> Bool = { _ in true }) -> Int? {
        lastPerson(before: token, gender: nil, quoted: quoted) { hasRole($0, word) && accept($0) }
    }

    /// The words of a person mention's title and role, lower-cased. «The actor's friend Budd Schulberg» is a
    /// friend: the words before a possessive describe someone else.
    func roleWords(_ m: Int) -> [String] {
        let attributes = mentions[m].attributes.merging(entity(of: m)?.attributes ?? [:]) { a, _ in a }
        return [attributes["title"], attributes["role"]].compactMap { $0 }.flatMap { role -> [String] in
            let lower = role.lowercased()
            let own = lower.range(of: "’s ", options: .backwards) ?? lower.range(of: "'s ", options: .backwards)
            return lower[(own?.upperBound ?? lower.startIndex)...].split(whereSeparator: { !$0.isLetter }).map(String.init)
        }
    }

    /// Whether a person mention's title or role holds `word`.
    func hasRole(_ m: Int, _ word: String) -> Bool { roleWords(m).contains(word) }

    /// The last organization or place mention before a token (and after `lowerBound`), for "it" and "they".
    /// An organisation first: «… withdrawing from Iraq. “…,” it said» is the firm, not Iraq; a place only when
    /// no organisation stands among the last few groups.
    func lastGroup(before token: Int, from lowerBound: Int = 0) -> Int? {
        var i = last(in: groups, before: token)
        guard i >= 0, ranges[groups[i]].lowerBound >= lowerBound else { return nil }
        let latest = groups[i]
        let stop = max(-1, i - 8)
        while i > stop, ranges[groups[i]].lowerBound >= lowerBound {
            if mentions[groups[i]].label == .org { return groups[i] }
            i -= 1
        }
        return latest
    }
}
