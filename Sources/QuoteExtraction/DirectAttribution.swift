/// How one quoted span is attributed: the cue and speaker tokens found beside it, and the rule that found them.
struct Attribution {
    var cue: Range<Int>?
    var speaker: Range<Int>?
    var rule: String
    /// The last token the attribution uses after the quote (so a following quote can join as a fragment).
    var endToken: Int?
}

/// The rules that attribute a quotation in marks, each tried on the words right beside the marks:
///
/// - `speaker-cue-after-quote`: «“…,” Paul said.», «“…,” the general told reporters.»
/// - `cue-speaker-after-quote`: «“…,” said Paul Smith, a doctor.»
/// - `dash-after-quote`: «“…” — Commissioner Gordon»
/// - `speaker-cue-before-quote`: «Paul said: “…”», «On Israel, Trump added, “…”»
/// - `according-to-before-quote`: «According to the report, “…”»
/// - `participle-before-quote`: «Clinton posted a comment, saying, “…”» (the subject of the sentence)
///
/// ```swift
/// let rules = DirectAttribution(view: view, phrases: phrases)
/// let found = rules.after(quote) ?? rules.before(quote)
/// ```
struct DirectAttribution {
    let view: TokenView
    let phrases: SpeakerPhrase

    /// The words after the closing mark, to the end of the sentence, the next mark or the paragraph.
    func after(_ q: QuotedSpan) -> Attribution? {
        guard let close = q.close, !q.isSingle || true else { return nil }
        let p = view.paragraph[close]
        var s = close + 1
        guard s < view.count, view.paragraph[s] == p else { return nil }
        if view.lower[s] == "," { s += 1 }
        var end = s
        while end < view.count, view.paragraph[end] == p, !view.isTerminal(end), QuoteMarks.doubleRole(view, end) == nil, end - s < 40 {
            end += 1
        }
        guard s < end else { return nil }
        if view.isDash(s), let name = phrases.phrase(startingAt: s + 1, before: end), view.isCapitalized(name.lowerBound) {
            return Attribution(cue: s..<(s + 1), speaker: name, rule: "dash-after-quote", endToken: end)
        }
        // The cue must come within a short speaker phrase of the mark.
        var c = s
        while c < end, c - s <= 12 {
            if CueLexicon.speech.contains(view.lower[c]) { break }
            if view.lower[c] == "according", c + 1 < end, view.lower[c + 1] == "to" { break }
            c += 1
        }
        guard c < end, c - s <= 12 else { return nil }
        if view.lower[c] == "according" {
            return Attribution(cue: c..<(c + 2), speaker: phrases.phrase(startingAt: c + 2, before: end),
                               rule: "according-to-after-quote", endToken: end)
        }
        if c == s {
            let speaker = phrases.phrase(startingAt: c + 1, before: end)
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "cue-speaker-after-quote", endToken: end)
        }
        guard let speaker = phrases.head(of: s..<c) else { return nil }
        return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "speaker-cue-after-quote", endToken: end)
    }

    /// The words before the opening mark in its sentence, or the sentence ending with ":" just before a
    /// paragraph that opens with the mark.
    func before(_ q: QuotedSpan) -> Attribution? {
        let o = q.open
        let p = view.paragraph[o]
        guard p >= 0 else { return nil }
        let paragraphStart = view.paragraphTokens[p].lowerBound
        var windowEnd = o          // exclusive
        var windowStart: Int
        if o == paragraphStart {
            let last = o - 1
            guard last >= 0, view.lower[last] == ":" else { return nil }
            windowEnd = o
            windowStart = view.sentence[last] >= 0 ? view.sentenceTokens[view.sentence[last]].lowerBound : view.paragraphTokens[max(0, p - 1)].lowerBound
        } else {
            let sentence = view.sentence[o]
            windowStart = sentence >= 0 ? view.sentenceTokens[sentence].lowerBound : paragraphStart
            if windowStart == o, o - 1 >= paragraphStart, view.lower[o - 1] == ":" || view.lower[o - 1] == "," {
                // The segmenter ended a sentence at the colon.
                let s = view.sentence[o - 1]
                windowStart = s >= 0 ? view.sentenceTokens[s].lowerBound : paragraphStart
            }
            windowStart = max(windowStart, paragraphStart)
        }
        guard windowStart < windowEnd else { return nil }
        let last = windowEnd - 1
        let introduced = view.lower[last] == ":" || view.lower[last] == ","
        guard introduced || CueLexicon.speech.contains(view.lower[last]) else { return nil }
        var c = last
        while c >= windowStart, last - c <= 8 {
            if CueLexicon.speech.contains(view.lower[c]) { break }
            if view.lower[c] == "to", c - 1 >= windowStart, view.lower[c - 1] == "according" { break }
            c -= 1
        }
        guard c >= windowStart, last - c <= 8 else { return nil }
        if view.lower[c] == "to" {
            return Attribution(cue: (c - 1)..<(c + 1), speaker: phrases.phrase(startingAt: c + 1, before: last),
                               rule: "according-to-before-quote")
        }
        if CueLexicon.participles.contains(view.lower[c]), c - 1 >= windowStart, view.lower[c - 1] == "," {
            return Attribution(cue: c..<(c + 1), speaker: phrases.sentenceSubject(from: windowStart, before: c),
                               rule: "participle-before-quote")
        }
        if let speaker = phrases.subject(before: c, from: windowStart) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "speaker-cue-before-quote")
        }
        if let speaker = phrases.phrase(startingAt: c + 1, before: last) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "cue-speaker-before-quote")
        }
        return nil
    }
}
