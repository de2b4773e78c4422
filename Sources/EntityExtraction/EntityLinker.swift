import PipelineKit

/// Gives every mention an entity: one `Entity` per real-world thing in the document.
///
/// Links, in order: acronym definitions ("Islamic Revolutionary Guard Corps (IRGC)"), identical names,
/// a surname or first name alone after the full name ("Soleimani" → "Qassim Soleimani"; a name that ends one
/// full name and starts another is the surname: "Moyes" is David Moyes, not a headline's "Moyes U-turn"), and an acronym
/// matching the initials of an earlier organization ("IEA" → "International Energy Agency"). The canonical
/// name is the longest mention. People get a gender from titles, the first-name list and nearby pronouns.
struct EntityLinker {
    let view: EntityTokens
    let stepID: String

    private struct Group {
        var label: EntityLabel
        var mentions: [Int] = []
        var votes = 0   // > 0 male, < 0 female
    }

    func link(_ candidates: [Candidate], document: inout Document) {
        var cands = candidates
        var groups: [Group] = []
        // Keys are hashes of the mention bytes, so linking builds no Strings until the table is written.
        var byText = HashTable64<Int>()          // hash(label, text) -> group
        var anyByText = HashTable64<Int>()       // hash(text) -> first group with that text, any label
        var bySpan = HashTable64<Int>()          // long form span -> group, for acronyms
        var lastNames = HashTable64<Int>()       // last token of a multi-token person -> group
        var firstNames = HashTable64<Int>()      // first token of a multi-token person -> group
        var orgInitials: [String: Int] = [:]
        var orgHeads = HashTable64<Int>()        // first word of a multi-word organization -> group
        let lex = view.lexicons

        func text(_ c: Candidate) -> String { String(decoding: view.bytes[c.start..<c.end], as: UTF8.self) }
        func textHash(_ c: Candidate) -> UInt64 {
            var h = PhraseHash()
            view.bytes.withUnsafeBufferPointer { h.add($0, from: c.start, to: c.end) }
            return h.value
        }
        func key(_ label: EntityLabel, _ t: UInt64) -> UInt64 {
            var h = PhraseHash()
            for b in label.rawValue.utf8 { h.add(byte: b) }
            return (h.value &* 0x9E37_79B9_7F4A_7C15) ^ t
        }
        func spanKey(_ start: Int, _ end: Int) -> UInt64 { (UInt64(start) << 32 | UInt64(end)) &* 0x9E37_79B9_7F4A_7C15 }

        // People with full names first, so a bare surname earlier in the text still links.
        for (idx, c) in cands.enumerated() where c.label == .person && c.hi - c.lo >= 2 {
            let k = key(.person, textHash(c))
            if byText[k] == nil {
                byText[k] = groups.count
                groups.append(Group(label: .person))
            }
            let g = byText[k]!
            var last = c.hi - 1
            while last > c.lo, view.isByte(last, ".") { last -= 1 }
            if lastNames[view.hash(last)] == nil { lastNames[view.hash(last)] = g }
            if firstNames[view.hash(c.lo)] == nil { firstNames[view.hash(c.lo)] = g }
            _ = idx
        }

        // One sense per document: a guessed label gives way to what a lexicon or rule said about the same
        // text elsewhere, else to the first guess ("in WorldCom" stays ORG after "WorldCom" was an ORG).
        var known = HashTable64<EntityLabel>()
        for c in cands where !c.guessed && c.label != NameRecognizer.unknownLabel && known[textHash(c)] == nil {
            known[textHash(c)] = c.label
        }
        for k in cands.indices where cands[k].guessed {
            let t = textHash(cands[k])
            if let l = known[t] { cands[k].label = l } else if cands[k].label != NameRecognizer.unknownLabel { known[t] = cands[k].label }
        }

        var assignment = [Int?](repeating: nil, count: cands.count)
        for idx in cands.indices {
            var c = cands[idx]
            let t = textHash(c)
            var g: Int?
            if let long = c.aliasOf, let lg = bySpan[spanKey(long.start, long.end)] {
                g = lg
                c.label = groups[lg].label
            } else if c.label == .person, c.hi - c.lo >= 2 {
                g = byText[key(.person, t)]
            } else if c.hi - c.lo == 1, let pg = lastNames[view.hash(c.lo)] ?? firstNames[view.hash(c.lo)], c.label == .person || c.label == NameRecognizer.unknownLabel || c.label == .gpe || c.label == .org && !view.isAllCaps(c.lo) {
                g = pg
                c.label = .person
            } else if let existing = byText[key(c.label, t)] {
                g = existing
            } else if c.label == NameRecognizer.unknownLabel, let existing = anyByText[t] {
                g = existing
                c.label = groups[existing].label
            } else if c.hi - c.lo == 1, c.label == .org || c.label == NameRecognizer.unknownLabel, let og = orgHeads[view.hash(c.lo)] {
                // "Quds" after "Quds Force".
                g = og
                c.label = .org
            } else if c.hi - c.lo == 1, view.isAllCaps(c.lo), let og = orgInitials[text(c).filter { $0 != "." }] {
                g = og
                c.label = groups[og].label
            }
            if c.label == NameRecognizer.unknownLabel { cands[idx] = c; continue }
            if g == nil {
                g = groups.count
                groups.append(Group(label: c.label))
            }
            let gi = g!
            byText[key(c.label, t)] = gi
            if anyByText[t] == nil { anyByText[t] = gi }
            bySpan[spanKey(c.start, c.end)] = gi
            if c.label == .org, c.hi - c.lo >= 2 {
                let initials = String((c.lo..<c.hi).filter { view.isCapitalized($0) }.map { Character(UnicodeScalar(view.firstByte($0))) })
                if initials.count >= 2 { orgInitials[initials] = orgInitials[initials] ?? gi }
                if !view.isCommonWord(c.lo), orgHeads[view.hash(c.lo)] == nil { orgHeads[view.hash(c.lo)] = gi }
            }
            assignment[idx] = gi
            cands[idx] = c
            groups[gi].mentions.append(idx)
            if c.label == .person {
                switch c.titleGender { case .male: groups[gi].votes += 5; case .female: groups[gi].votes -= 5; case .unknown: break }
                if c.hi - c.lo >= 2 {
                    switch lex.firstNames[view.hash(c.lo)] { case .male?: groups[gi].votes += 2; case .female?: groups[gi].votes -= 2; default: break }
                }
                groups[gi].votes += pronounVotes(after: c, document: document)
            }
        }

        // Write the layers: entities E1, E2… in order of first mention.
        var mentions: [EntityMention] = []
        var table: [Entity] = []
        var ids = [String?](repeating: nil, count: groups.count)
        for idx in cands.indices {
            guard let gi = assignment[idx] else { continue }
            let c = cands[idx]
            if ids[gi] == nil {
                ids[gi] = "E\(table.count + 1)"
                let group = groups[gi]
                var seen = HashSet64()
                var names: [String] = []
                for m in group.mentions {
                    let h = textHash(cands[m])
                    if !seen.contains(h) { seen.insert(h); names.append(text(cands[m])) }
                }
                let name = names.max { a, b in a.utf8.count < b.utf8.count || (a.utf8.count == b.utf8.count && a > b) } ?? ""
                var aliases: [String] = []
                for n in names where n != name { aliases.append(n) }
                var gender: String? = nil
                if group.label == .person { gender = group.votes > 0 ? "male" : group.votes < 0 ? "female" : nil }
                var attributes: [String: String] = [:]
                for m in group.mentions {
                    for (k, v) in cands[m].attributes where k == "title" || k == "role" { attributes[k] = attributes[k] ?? v }
                }
                table.append(Entity(id: ids[gi]!, name: name, label: group.label, aliases: aliases, gender: gender,
                                    mentionCount: group.mentions.count, attributes: attributes, step: stepID))
            }
            mentions.append(EntityMention(span: Span(start: c.start, end: c.end), label: c.label, entityID: ids[gi],
                                          attributes: c.attributes, step: stepID))
        }
        document.entities = mentions
        document.entityTable = table
    }

    private static let male = WordTables.set(["he", "him", "his", "himself"])
    private static let female = WordTables.set(["she", "her", "hers", "herself"])

    /// He/she counts in the rest of the mention's sentence and the next sentence, when the mention is its
    /// sentence's first person-like name (so the pronoun most likely refers to it).
    private func pronounVotes(after c: Candidate, document: Document) -> Int {
        let sentences = document.sentences
        guard !sentences.isEmpty else { return 0 }
        let s = sentences.partitioningIndex { $0.end > c.start }
        guard s < sentences.count else { return 0 }
        let limit = s + 1 < sentences.count ? sentences[s + 1].end : sentences[s].end
        var votes = 0
        var i = c.hi
        while i < view.count, view.start(i) < limit {
            if view.kind(i) == .word {
                if Self.male.contains(view.lower(i)) { votes += 1 } else if Self.female.contains(view.lower(i)) { votes -= 1 }
            }
            i += 1
        }
        return max(-2, min(2, votes))
    }
}
