import PipelineKit

/// A country named as the side in a match is a team (ORG), as OntoNotes labels it: "Sweden defeated South
/// Korea 1 – 0". One sense per document: once a place is seen playing, its other mentions are the team too.
///
/// The cue is a place right before a match verb ("beat", "defeated", "drew") or right after one, or beside a
/// score, in a
/// document with a match score ("3 – 0", "2-1").
enum SportsTeams {
    private static let resultVerbs = WordTables.set([
        "beat", "beats", "defeated", "defeats", "drew", "edged", "thrashed", "routed", "trounced", "eliminated",
        "outplayed", "vs", "v",
    ])

    static func relabel(_ candidates: inout [Candidate], view: EntityTokens) {
        guard hasScore(view) else { return }
        var teams = HashSet64()
        for c in candidates where c.label == .gpe {
            let before = c.lo > 0 ? view.lower(c.lo - 1) : 0
            let after = c.hi < view.count ? view.lower(c.hi) : 0
            // "Sweden defeated", "defeated Panama", "Sweden 1 – 0 Korea"
            if resultVerbs.contains(after) || (resultVerbs.contains(before) && before != 0) || scoreAt(c.hi, view) || scoreEndsAt(c.lo, view) {
                teams.insert(view.phraseHash(c.lo, c.hi))
            }
        }
        guard !teams.isEmpty else { return }
        for k in candidates.indices where candidates[k].label == .gpe && teams.contains(view.phraseHash(candidates[k].lo, candidates[k].hi)) {
            candidates[k].label = .org
        }
    }

    /// A short number, a dash, a short number: "1 – 0", "2-1".
    private static func scoreAt(_ i: Int, _ view: EntityTokens) -> Bool {
        guard i + 2 < view.count, view.length(i) <= 2, view.isDigit(view.firstByte(i)), isDash(i + 1, view),
              view.length(i + 2) <= 2, view.isDigit(view.firstByte(i + 2)) else {
            // "2-1" as one token
            guard i < view.count, view.length(i) >= 3, view.length(i) <= 5, view.isDigit(view.firstByte(i)) else { return false }
            let bytes = view.bytes[view.start(i)..<view.end(i)]
            return bytes.contains(0x2D) && bytes.allSatisfy { $0 == 0x2D || (0x30...0x39).contains($0) }
        }
        return true
    }

    private static func scoreEndsAt(_ i: Int, _ view: EntityTokens) -> Bool {
        guard i >= 3 else { return false }
        return scoreAt(i - 3, view) || scoreAt(i - 1, view)
    }

    private static func isDash(_ i: Int, _ view: EntityTokens) -> Bool {
        if view.isByte(i, "-") { return true }
        // en dash E2 80 93
        return view.length(i) == 3 && view.byte(i, 0) == 0xE2 && view.byte(i, 1) == 0x80 && view.byte(i, 2) == 0x93
    }

    private static func hasScore(_ view: EntityTokens) -> Bool {
        for i in 0..<view.count where view.isDigit(view.firstByte(i)) && scoreAt(i, view) { return true }
        return false
    }
}
