import PipelineKit

/// Finds PERSON, ORG, GPE, LOC, FAC and NORP mentions in runs of capitalized tokens.
///
/// A run ("US Secretary of State Mike Pompeo") is split into a title or role and a name, then typed by,
/// in order: the gazetteer, organization and place words at its end ("Quds Force", "Persian Gulf"),
/// company suffixes, first-name and surname lists, and acronym shape. A run followed by "(ABC)" makes
/// the acronym an alias. Runs nothing types are passed on with `unknownLabel`, for `EntityLinker` to
/// type by later mentions ("Soleimani" after "Qassim Soleimani") or to drop.
struct NameRecognizer {
    static let unknownLabel: EntityLabel = "UNKNOWN"

    let view: EntityTokens
    var lex: Lexicons { view.lexicons }

    private static let connectors = WordTables.set(["of", "for", "de", "al", "bin", "ibn", "van", "von", "der", "den", "du", "del", "da", "la", "le", "di", "dos", "das", "y", "&", "on"])
    private static let the = PhraseHash.of("the", lowercase: true)
    private static let of = PhraseHash.of("of", lowercase: true)
    private static let on = PhraseHash.of("on", lowercase: true)
    /// Function words that are capitalized only because they start a sentence.
    private static let stopwords = WordTables.set([
        "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "from", "with", "after", "before",
        "when", "while", "as", "but", "and", "or", "if", "his", "her", "their", "its", "our", "my", "we", "he", "she",
        "they", "it", "i", "by", "to", "of", "during", "since", "under", "over", "according", "although", "despite",
        "meanwhile", "however", "also", "many", "some", "several", "most", "all", "both", "each", "every", "other",
        "another", "there", "here", "what", "who", "why", "how", "where", "then", "now", "yet", "so", "not", "no",
        "last", "next", "earlier", "later", "former", "once", "about", "between", "among", "without", "until",
        "unlike", "like", "through", "into", "via", "because", "though", "even", "only", "just", "still", "such",
        "thus", "yes", "dear", "mr", "mrs", "ms", "you", "your", "one", "two", "is", "are", "was", "were", "will",
    ])
    /// Words after which "of" continues a name ("Republic of", "Secretary of State").
    private static let ofHeads = WordTables.set(["republic", "kingdom", "state", "states", "isle", "cape", "horn", "duke", "emirate", "gulf", "strait", "bay", "sea", "city", "province", "governor", "secretary", "minister", "president", "museum", "house", "chamber", "people", "church", "order"])
    private static let speechVerbs = WordTables.set(["said", "says", "told", "added", "explained", "stated", "wrote", "argued", "noted", "asked", "replied", "claimed", "warned"])
    private static let placePrepositions = WordTables.set(["in", "at", "from", "near", "across", "to", "outside", "inside", "throughout"])

    func candidates(covered: [Bool]) -> [Candidate] {
        var out: [Candidate] = []
        var i = 0
        while i < view.count {
            guard !covered[i], startsName(i) else { i += 1; continue }
            let hi = chunkEnd(from: i, covered: covered)
            classify(i, hi, into: &out)
            // "(IRGC)" after the name: an alias.
            if hi + 2 < view.count, view.isByte(hi, "("), view.isAllCaps(hi + 1), view.isByte(hi + 2, ")"),
               let long = out.last, long.hi == hi {
                var c = Candidate(lo: hi + 1, hi: hi + 2, view: view, label: long.label == Self.unknownLabel ? .org : long.label, priority: 1)
                c.aliasOf = Span(start: long.start, end: long.end)
                if long.label == Self.unknownLabel { out[out.count - 1].label = .org }
                out.append(c)
                i = hi + 3
                continue
            }
            i = max(hi, i + 1)
        }
        return out
    }

    private func startsName(_ i: Int) -> Bool {
        view.kind(i) == .word && view.isCapitalized(i)
    }

    private func isTitleToken(_ i: Int) -> Bool { lex.titles[view.titleHash(i, i + 1)] != nil }

    private func chunkEnd(from lo: Int, covered: [Bool]) -> Int {
        var j = lo + 1
        while j < view.count, !covered[j] {
            if view.lineBreakBefore(j) || view.sentenceInitial[j] { break }
            // A capitalized function word ("In the ...") or a hyphenated adjective ("T-shirt", "Iran-backed")
            // ends the name.
            if startsName(j) && (isStopword(j) || hyphenThenLower(j)) { break }
            if startsName(j) && view.gapBefore(j) { j += 1; continue }
            // "Maj." split as "Maj" "." after a title or an initial ("George W. Bush").
            if view.isByte(j, "."), !view.gapBefore(j), j + 1 < view.count, startsName(j + 1),
               isTitleToken(j - 1) || (view.length(j - 1) == 1 && view.isCapitalized(j - 1)) { j += 1; continue }
            // Connectors inside names: "Bank of England", "Democratic Republic of the Congo", "Osama bin Laden".
            if (view.kind(j) == .word && view.isLower(j)) || view.isByte(j, "&"), Self.connectors.contains(view.lower(j)) {
                var k = j + 1
                if view.lower(j) == Self.of, k < view.count, view.lower(k) == Self.the { k += 1 }
                guard k < view.count, startsName(k), !covered[k] else { break }
                if view.lower(j) == Self.of || view.lower(j) == Self.on {
                    let prev = view.lower(j - 1)
                    let ok = lex.orgHeads.contains(view.hash(j - 1))
                        || lex.locWords[view.hash(j - 1)] != nil || Self.ofHeads.contains(prev) || isTitleToken(j - 1)
                    guard ok else { break }
                }
                j = k + 1
                continue
            }
            break
        }
        return j
    }

    private func isStopword(_ i: Int) -> Bool { Self.stopwords.contains(view.lower(i)) }

    private func hyphenated(_ i: Int) -> Bool { view.bytes[view.start(i)..<view.end(i)].contains(0x2D) }

    /// "Iran-backed", "T-shirt", "Prize-winning": a hyphen followed by an adjective-forming word.
    private func hyphenThenLower(_ i: Int) -> Bool {
        var k = view.start(i)
        let e = view.end(i)
        while k + 1 < e, view.bytes[k] != 0x2D { k += 1 }
        guard k + 1 < e, view.bytes[k + 1] >= 0x61, view.bytes[k + 1] <= 0x7A else { return false }
        var h = PhraseHash()
        view.bytes.withUnsafeBufferPointer { h.add($0, from: k + 1, to: e, lowercase: true) }
        return Self.hyphenAdjectives.contains(h.value)
    }
    private static let hyphenAdjectives = WordTables.set([
        "backed", "based", "led", "owned", "born", "run", "funded", "controlled", "occupied", "held", "affiliated",
        "aligned", "allied", "linked", "style", "era", "shirt", "shirts", "winner", "winning", "type", "like", "made",
        "bound", "centric", "friendly", "inspired", "sponsored", "supported", "speaking", "american", "themed",
    ])

    /// "Pro-Beijing", "Anti-war", "Pan-democrat": a hyphenated stance prefix, not part of a name.
    private func stancePrefix(_ i: Int) -> Bool {
        let s = view.start(i), e = view.end(i)
        var k = s
        while k < e, view.bytes[k] != 0x2D { k += 1 }
        guard k < e, k - s <= 4 else { return false }
        var h = PhraseHash()
        view.bytes.withUnsafeBufferPointer { h.add($0, from: s, to: k, lowercase: true) }
        return Self.stances.contains(h.value)
    }
    private static let stances = WordTables.set(["pro", "anti", "pan", "ex", "non", "neo", "post", "pre", "mid"])

    /// Is there a gazetteer phrase of more than one token starting at lo within hi?
    private func longestGazetteer(_ lo: Int, _ hi: Int) -> (Int, EntityLabel)? {
        var best: (Int, EntityLabel)? = nil
        var hash = PhraseHash()
        var j = lo
        while j < hi, view.end(j) - view.start(lo) <= lex.gazetteer.maxBytes {
            view.extend(&hash, with: j, first: j == lo)
            j += 1
            if let l = lex.gazetteer[hash.value] { best = (j, l) }
        }
        return best
    }

    private func classify(_ lo0: Int, _ hi: Int, into out: inout [Candidate]) {
        var lo = lo0
        // Drop sentence-initial words that are capitalized only for their position ("The", "Police").
        while lo < hi, view.sentenceInitial[lo] || isStopword(lo), isStopword(lo) || (hi - lo == 1 && view.isCommonWord(lo) && lex.firstNames[view.hash(lo)] == nil && lex.gazetteer[view.hash(lo)] == nil) {
            lo += 1
            if lo < hi, !startsName(lo) { return }   // "The of"
        }
        // Leading connectors left after trimming, and stance prefixes ("Pro-Beijing DAB").
        while lo < hi, !startsName(lo) || (hi - lo > 1 && stancePrefix(lo)) { lo += 1 }
        guard lo < hi else { return }
        var end = hi
        while end > lo, !startsName(end - 1) && !view.isAllCaps(end - 1) { end -= 1 }
        // A caption or label word before a colon ("Ahmed Mohamed Image: Twitter").
        if end - lo > 1, end < view.count, view.isByte(end, ":"), view.isCommonWord(end - 1) { end -= 1 }
        guard end > lo else { return }

        // A sentence-initial word before a known phrase: "Published North America" -> "North America".
        if end - lo >= 2, view.sentenceInitial[lo], view.isCommonWord(lo), lex.gazetteer[view.phraseHash(lo, end)] == nil,
           lex.gazetteer[view.phraseHash(lo + 1, end)] != nil {
            lo += 1
        }

        // Hyphenated adjectives: "Iran-backed" gives GPE "Iran".
        if end - lo == 1, let c = hyphenPrefix(lo) { out.append(c); return }

        if let c = personAfterTitle(lo, end, into: &out) { out.append(c); return }
        // A name after a modifier no list knows: "Pan-democrat Gary Fan", "Islamic Relations Alia Salem".
        if end - lo >= 3, lex.gazetteer[view.phraseHash(lo, end)] == nil, !lex.orgWords.contains(view.hash(end - 1)),
           lex.firstNames[view.hash(lo)] == nil, longestGazetteer(lo, end) == nil {
            for k in (lo + 1)..<(end - 1) where end - k <= 3 && lex.firstNames[view.hash(k)] != nil && !view.isCommonWord(k)
                && (lo..<k).allSatisfy({ view.isCommonWord($0) || lex.gazetteer[view.hash($0)] == .norp || hyphenated($0) }) {
                classify(lo, k, into: &out)
                out.append(Candidate(lo: k, hi: end, view: view, label: .person, priority: 1))
                return
            }
        }
        // Month and day names are dates or nothing ("May" the verb).
        if end - lo == 1, WordTables.months[view.lower(lo)] != nil || WordTables.weekdays[view.lower(lo)] != nil { return }
        if let label = label(lo, end) {
            out.append(Candidate(lo: lo, hi: end, view: view, label: label, priority: 1))
            return
        }
        // A known phrase at the start followed by more words: "Tehran Mayor" was handled above; split "Iran Iraq".
        if end - lo > 1, let (gEnd, gLabel) = longestGazetteer(lo, end), gEnd < end, gLabel != .org {
            out.append(Candidate(lo: lo, hi: gEnd, view: view, label: gLabel, priority: 1))
            classify(gEnd, end, into: &out)
            return
        }
        var c = Candidate(lo: lo, hi: end, view: view, label: guess(lo, end), priority: 1)
        c.guessed = true
        out.append(c)
    }

    private func hyphenPrefix(_ i: Int) -> Candidate? {
        let s = view.start(i), e = view.end(i)
        var k = s
        while k < e, view.bytes[k] != 0x2D { k += 1 }
        guard k < e, k + 1 < e, view.bytes[k + 1] >= 0x61, view.bytes[k + 1] <= 0x7A else { return nil }
        var h = PhraseHash()
        view.bytes.withUnsafeBufferPointer { h.add($0, from: s, to: k) }
        guard let label = lex.gazetteer[h.value], label != .org else {
            return Candidate(lo: i, hi: i + 1, view: view, label: Self.unknownLabel, priority: 0)
                .trimmed(to: s, k)
        }
        return Candidate(lo: i, hi: i + 1, view: view, label: label, priority: 1).trimmed(to: s, k)
    }

    /// "Maj. Gen. Qassim Soleimani", "US Secretary of State Mike Pompeo": the name after the last title word.
    private func personAfterTitle(_ lo: Int, _ hi: Int, into out: inout [Candidate]) -> Candidate? {
        guard hi - lo >= 2 else { return nil }
        // The last title in the run (longest match ending at each token, periods ignored).
        var titleEnd = -1, titleStart = -1
        var gender = Lexicons.Gender.unknown
        var i = lo
        while i < hi - 1 {
            var matched = 0
            for n in stride(from: min(lex.titleMaxWords * 2, hi - 1 - i), through: 1, by: -1) {
                if view.isByte(i + n - 1, ".") { continue }
                if let g = lex.titles[view.titleHash(i, i + n)] { matched = n; gender = g; break }
            }
            if matched > 0 {
                titleStart = i
                titleEnd = i + matched
                if titleEnd < hi, view.isByte(titleEnd, "."), !view.gapBefore(titleEnd) { titleEnd += 1 }
                i = titleEnd
            } else { i += 1 }
        }
        guard titleEnd > lo, titleEnd < hi else { return nil }
        // A complement after the title ("of State", "for Foreign Affairs"): the name is where a first name
        // starts, else the last two tokens.
        var k = titleEnd
        if Self.connectors.contains(view.lower(k)) && view.isLower(k) {
            if let f = (k + 1..<hi).first(where: { lex.firstNames[view.hash($0)] != nil && hi - $0 <= 4 }) {
                k = f
            } else {
                k = max(k + 2, hi - 2)
            }
        }
        guard k < hi, hi - k <= 4, startsName(k), label(k, hi).map({ $0 == .person }) ?? true else { return nil }
        guard !(k..<hi).contains(where: { Self.connectors.contains(view.lower($0)) && view.isLower($0) }) else { return nil }
        var c = Candidate(lo: k, hi: hi, view: view, label: .person, priority: 1)
        c.titleGender = gender
        let prefix = view.text(lo..<k).trimmingSpaces
        c.attributes[isAllTitles(lo, k) ? "title" : "role"] = prefix
        // Places and groups inside a role: "US" in "US Secretary of State".
        var p = lo
        while p < titleStart {
            if let (gEnd, gLabel) = longestGazetteer(p, titleStart) ?? (lex.gazetteer[view.hash(p)].map { (p + 1, $0) }) {
                out.append(Candidate(lo: p, hi: gEnd, view: view, label: gLabel, priority: 1))
                p = gEnd
            } else { p += 1 }
        }
        return c
    }

    private func isAllTitles(_ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        outer: while i < hi {
            if view.isByte(i, ".") { i += 1; continue }
            for n in stride(from: min(lex.titleMaxWords * 2, hi - i), through: 1, by: -1) where lex.titles[view.titleHash(i, i + n)] != nil {
                i += n
                continue outer
            }
            return false
        }
        return true
    }

    /// The label the lexicons give a whole run, or nil.
    func label(_ lo: Int, _ hi: Int) -> EntityLabel? {
        if let l = lex.gazetteer[view.phraseHash(lo, hi)] { return l }
        let last = view.hash(hi - 1)
        if hi - lo >= 2 {
            if lex.legalSuffixes.contains(last) || lex.orgWords.contains(last) { return .org }
            if (lo..<hi).contains(where: { view.isByte($0, "&") }) { return .org }   // "Johnson & Johnson"
            if lex.eventWords.contains(last) { return .event }
            if hi - lo == 2 && lex.titles[view.titleHash(lo, hi)] != nil { return Self.unknownLabel }   // "Prime Minister" alone
            if let l = lex.locWords[last] { return l }
            if lex.orgHeads.contains(view.hash(lo)), (lo..<hi).contains(where: { view.lower($0) == Self.of }) { return .org }
            if let l = lex.locWords[view.hash(lo)], l == .loc, (lo..<hi).contains(where: { view.lower($0) == Self.of }) { return .loc }
        }
        if hi - lo == 1, hasDigit(lo) { return .product }   // "IE6", "PS5"
        if hi - lo == 1, view.isAllCaps(lo), view.length(lo) > 3, let l = lex.gazetteer[titleCaseHash(lo)] { return l }
        if hi - lo == 1, view.isAllCaps(lo), view.length(lo) <= 8, !view.isCommonWord(lo) || !view.sentenceInitial[lo] { return .org }
        // People's names have no all-caps word ("PlayStation VR") and do not end in a place ("Environment Canada").
        guard !(lo..<hi).contains(where: { view.isAllCaps($0) }) else { return nil }
        if lex.firstNames[view.hash(lo)] != nil, hi - lo >= 2, hi - lo <= 4, !lex.orgWords.contains(last) { return .person }
        if hi - lo == 2, view.length(lo) <= 6, romanizedGivenName(hi - 1) { return .person }
        guard lex.gazetteer[last] == nil else { return nil }
        if hi - lo >= 2, hi - lo <= 4, lex.surnames.contains(last), !view.isCommonWord(hi - 1) { return .person }
        if hi - lo == 2, lex.surnames.contains(last), !view.isCommonWord(lo), lex.gazetteer[view.hash(lo)] == nil { return .person }
        return nil
    }

    /// "Cheuk-ting", "Joo-Ho", "Wai-keung": two short syllables joined by a hyphen, as romanized East Asian
    /// given names are written ("Lam Cheuk-ting", "Park Joo-Ho").
    private func romanizedGivenName(_ i: Int) -> Bool {
        let s = view.start(i), e = view.end(i)
        var k = s
        while k < e, view.bytes[k] != 0x2D { k += 1 }
        guard k < e, (2...6).contains(k - s), (2...6).contains(e - k - 1) else { return false }
        for j in s..<e where j != k {
            let b = view.bytes[j] | 0x20
            guard b >= 0x61 && b <= 0x7A else { return false }
        }
        return !hyphenThenLower(i)
    }

    private func hasDigit(_ i: Int) -> Bool { view.bytes[view.start(i)..<view.end(i)].contains { $0 >= 0x30 && $0 <= 0x39 } }

    /// "Panamanian", "Congolese", "Scientologist": the endings of nationality and adherent words.
    private func demonymShape(_ i: Int) -> Bool {
        let t = view.bytes[view.start(i)..<view.end(i)]
        func ends(_ s: String) -> Bool { t.count > s.utf8.count + 2 && t.suffix(s.utf8.count).elementsEqual(s.utf8) }
        return ends("ian") || ends("ians") || ends("ean") || ends("eans") || ends("ese") || ends("ist") || ends("ists") || ends("ic")
    }

    /// "ERBIL" as "Erbil", for all-caps datelines and headlines.
    private func titleCaseHash(_ i: Int) -> UInt64 {
        var h = PhraseHash()
        for k in view.start(i)..<view.end(i) {
            let b = view.bytes[k]
            h.add(byte: k > view.start(i) && b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return h.value
    }

    /// A run no lexicon types: judged by shape and the words around it.
    private func guess(_ lo: Int, _ hi: Int) -> EntityLabel {
        let n = hi - lo
        let before = lo > 0 ? view.lower(lo - 1) : 0
        if lo > 0, Self.placePrepositions.contains(before), n <= 2 { return .gpe }
        if hi < view.count, Self.speechVerbs.contains(view.lower(hi)) { return .person }
        if n == 1 {
            if view.isCommonWord(lo) { return Self.unknownLabel }
            if hasDigit(lo) { return .product }   // "IE6", "PS5"
            if !view.sentenceInitial[lo], lex.firstNames[view.hash(lo)] == nil, demonymShape(lo) { return .norp }
            if lex.firstNames[view.hash(lo)] != nil || lex.surnames.contains(view.hash(lo)) { return .person }
            return view.sentenceInitial[lo] ? Self.unknownLabel : .org
        }
        let common = (lo..<hi).filter { view.isCommonWord($0) }.count
        if common == 0, n <= 3, !(lo..<hi).contains(where: { view.isAllCaps($0) }), lex.gazetteer[view.hash(hi - 1)] == nil { return .person }
        return .org
    }
}

extension Candidate {
    func trimmed(to start: Int, _ end: Int) -> Candidate {
        var c = self
        c.start = start
        c.end = end
        return c
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "," { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "," { s = s.dropLast() }
        return String(s)
    }
}
