import PipelineKit

/// «Donald Trump spoke in Nevada. Trump went after Cruz again.»: once a person is named in full, their last name
/// standing alone later in the document is that person, where neither the rules nor the model marked it. The rules
/// drop a capitalized common word that opens a sentence ("Trump", "Brown", "Rice") as capitalized only for its
/// position, and the model often follows them; the earlier full name says who it is. Without the mention, quote
/// attribution loses the sentence's subject («Trump went after Cruz. “…,” he said.»).
///
/// ```swift
/// SurnameMentions.add(to: &chosen, view: view)   // after the model, before linking
/// ```
enum SurnameMentions {
    /// Verbs after which a month name is a person's («Theresa May … May said»), as in «May saw prices fall» it is not.
    private static let speechVerbs = WordTables.set(["said", "says", "told", "tells", "added", "adds", "insisted",
                                                     "argued", "warned", "admitted", "replied", "wrote", "announced"])

    static func add(to chosen: inout [Candidate], view: EntityTokens) {
        // A full name the lexicon vouches for: a known first name in it, before a last name of three letters or more
        // in mixed case («Donald Trump», «President Donald Trump»; not «John Paul I», «Paul Marsden MP»).
        let fullNames = chosen.filter { c in
            c.label == .person && c.hi - c.lo >= 2 && view.isWord(c.hi - 1) && view.length(c.hi - 1) >= 3 && !view.isAllCaps(c.hi - 1)
                && (c.lo..<(c.hi - 1)).contains { view.lexicons.firstNames[view.hash($0)] != nil }
        }.sorted { $0.hi < $1.hi }
        guard !fullNames.isEmpty else { return }
        var covered = [Bool](repeating: false, count: view.count)
        for c in chosen { for k in c.lo..<c.hi { covered[k] = true } }
        var surnames = Set<UInt64>()
        var next = 0
        var added: [Candidate] = []
        for i in 0..<view.count {
            while next < fullNames.count, fullNames[next].hi <= i {
                surnames.insert(view.hash(fullNames[next].hi - 1))
                next += 1
            }
            guard !covered[i], view.isWord(i), view.isCapitalized(i), surnames.contains(view.hash(i)) else { continue }
            // Part of a longer capitalized name («Trump Tower», «Judge Brown») is someone or something else.
            if i + 1 < view.count, view.isWord(i + 1), view.isCapitalized(i + 1) { continue }
            if i > 0, !view.sentenceInitial[i], view.isWord(i - 1), view.isCapitalized(i - 1) { continue }
            // «May I add …»: a month or a weekday is no name, unless a verb of saying follows («May said»).
            if WordTables.months[view.lower(i)] != nil || WordTables.weekdays[view.lower(i)] != nil,
               !(i + 1 < view.count && speechVerbs.contains(view.lower(i + 1))) { continue }
            added.append(Candidate(lo: i, hi: i + 1, view: view, label: .person, priority: 1))
        }
        guard !added.isEmpty else { return }
        chosen += added
        chosen.sort { $0.start < $1.start }
    }
}
