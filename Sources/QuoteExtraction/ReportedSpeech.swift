/// Reported speech: a cue verb with its speaker and the clause it reports, in one sentence.
///
/// - `reported-speaker-cue`: «Soleimani said (that) CLAUSE», «X told the chiefs of police to CLAUSE»
/// - `reported-participle`: «…, saying CLAUSE» (the subject of the sentence speaks)
/// - `reported-content-cue`: «CLAUSE, X said on Monday.», «CLAUSE, said X.»
/// - `reported-according-to`: «According to X, CLAUSE.», «CLAUSE, according to X.»
///
/// The content is token range `content`; a quoted fragment inside it makes the quote mixed.
///
/// ```swift
/// let reported = ReportedSpeech(view: view, phrases: phrases)
/// for found in reported.find(in: sentence, masked: masked) { … }
/// ```
struct ReportedSpeech {
    struct Found {
        var cue: Range<Int>
        var speaker: Range<Int>?
        var content: Range<Int>
        var rule: String
    }

    let view: QuoteTokens
    let phrases: SpeakerPhrase

    /// All reported statements of one sentence; `masked` tokens (direct quotes and their cues) are not read.
    func find(in sentence: Range<Int>, masked: [Bool]) -> [Found] {
        var found: [Found] = []
        var c = sentence.lowerBound
        while c < sentence.upperBound {
            defer { c += 1 }
            if masked[c] { continue }
            if found.last.map({ $0.content.contains(c) || $0.cue.contains(c) || ($0.speaker?.contains(c) ?? false) }) ?? false { continue }
            let w = view.lower[c]
            if w == "according", c + 1 < sentence.upperBound, view.lower[c + 1] == "to" {
                if let f = accordingTo(c, sentence, masked) { found.append(f) }
                continue
            }
            guard CueLexicon.reporting.contains(w), !view.isCapitalized(c) else { continue }
            if let f = cue(c, sentence, masked) { found.append(f) }
        }
        return found
    }

    private func cue(_ c: Int, _ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        let start = sentence.lowerBound
        var end = sentence.upperBound
        while end > c + 1, view.isTerminal(end - 1) { end -= 1 }
        let rest = (c + 1)..<end
        // «Work is expected to begin …»: a passive before "to" reports nobody's words.
        if c > start, CueLexicon.beForms.contains(view.lower[c - 1]), c + 1 < end, view.lower[c + 1] == "to" { return nil }
        let hasThat = rest.prefix(7).contains { view.lower[$0] == "that" }
        // «CLAUSE, X said (on Monday).»: the cue stands near the end of its sentence.
        if rest.count <= 6, !hasThat, c - start >= 4 {
            if view.lower[c - 1] == "," {
                let content = trim(start..<(c - 1))
                guard content.count >= 3, !content.contains(where: { masked[$0] }),
                      let speaker = phrases.phrase(startingAt: c + 1, before: end) else { return nil }
                return Found(cue: c..<(c + 1), speaker: speaker, content: content, rule: "reported-content-cue")
            }
            var m = c - 1
            while m > start, c - m <= 30, view.lower[m] != "," { m -= 1 }
            if view.lower[m] == ",", let speaker = phrases.head(of: (m + 1)..<c) {
                let content = trim(start..<m)
                guard content.count >= 3, !content.contains(where: { masked[$0] }) else { return nil }
                return Found(cue: c..<(c + 1), speaker: speaker, content: content, rule: "reported-content-cue")
            }
        }
        // «X said (that) CLAUSE».
        var speaker: Range<Int>?
        var rule = "reported-speaker-cue"
        if CueLexicon.participles.contains(view.lower[c]), c - 1 > start, view.lower[c - 1] == "," {
            speaker = phrases.speakingSubject(from: start, before: c)
            rule = "reported-participle"
        } else {
            speaker = phrases.subject(before: c, from: start)
        }
        guard let speaker else { return nil }
        var k = c + 1
        var sawThat = false
        if let that = rest.prefix(7).first(where: { view.lower[$0] == "that" }),
           !(k..<that).contains(where: { !view.isWord($0) && view.tokens[$0].kind != .number }) {
            k = that + 1
            sawThat = true
        }
        // Words that are nouns more often than verbs in news ("swing state", "a note", "the report")
        // count as a cue only with "that" right after them.
        if CueLexicon.nounLike.contains(view.lower[c]), !(c + 1 < end && view.lower[c + 1] == "that") { return nil }
        // «a host on the TV show “Shark Tank”»: a base form after a determiner and a capitalized modifier is a
        // noun (a base form agrees with no singular subject). Nominal attributions («a false claim») stay: PolNeAR
        // and readers count them.
        if CueLexicon.baseForms.contains(view.lower[c]), c - 2 >= start, view.isCapitalized(c - 1),
           CueLexicon.determiners.contains(view.lower[c - 2]) { return nil }
        // Without "that", a clause does not start with a preposition: "was hit by …", "said in Iowa".
        if !sawThat, k < end, CueLexicon.prepositions.contains(view.lower[k]) { return nil }
        var e = k
        while e < end {
            if masked[e] { break }
            let v = view.lower[e]
            if v == ";" { break }
            if v == ",", e + 1 < end, CueLexicon.participles.contains(view.lower[e + 1]) { break }
            e += 1
        }
        let content = trim(k..<e)
        guard content.count >= 3, content.contains(where: { view.isWord($0) }) else { return nil }
        return Found(cue: c..<(c + 1), speaker: speaker, content: content, rule: rule)
    }

    private func accordingTo(_ c: Int, _ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        let start = sentence.lowerBound
        var end = sentence.upperBound
        while end > c + 2, view.isTerminal(end - 1) { end -= 1 }
        let cue = c..<(c + 2)
        if c == start || (c - start <= 2 && !view.isWord(start)) {
            // «According to X, CLAUSE.»
            guard let comma = ((c + 2)..<end).first(where: { view.lower[$0] == "," }) else { return nil }
            let content = trim((comma + 1)..<end)
            guard content.count >= 3, !content.contains(where: { masked[$0] }) else { return nil }
            return Found(cue: cue, speaker: phrases.phrase(startingAt: c + 2, before: comma), content: content,
                         rule: "reported-according-to")
        }
        // «CLAUSE, according to X.»
        let content = trim(start..<c)
        guard content.count >= 3, !content.contains(where: { masked[$0] }) else { return nil }
        return Found(cue: cue, speaker: phrases.phrase(startingAt: c + 2, before: end), content: content,
                     rule: "reported-according-to")
    }

    /// Drops commas, dashes and sentence-final marks from both ends (quotation marks stay).
    private func trim(_ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound, b = r.upperBound
        func junk(_ i: Int) -> Bool {
            let v = view.lower[i]
            return v == "," || v == ":" || v == ";" || view.isDash(i) || view.isTerminal(i)
        }
        while a < b, junk(a) { a += 1 }
        while b > a, junk(b - 1) { b -= 1 }
        if let d = view.datelineEnd(from: a, before: b) { a = d }
        return a..<b
    }
}
