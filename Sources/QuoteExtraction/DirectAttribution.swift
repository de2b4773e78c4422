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
/// - `passive-cue-before-quote`, `passive-cue-after-quote`: «Blumenthal was asked, “…?”» (the one asking
///   speaks: the agent after "by", or nobody named)
///
/// ```swift
/// let rules = DirectAttribution(view: view, phrases: phrases)
/// let found = rules.after(quote) ?? rules.before(quote)
/// ```
struct DirectAttribution {
    let view: QuoteTokens
    let phrases: SpeakerPhrase

    /// Words that may follow a cue in a bare attribution sentence («“…,” she said on Monday in Paris.»).
    static let afterCue: Set<String> = [
        ",", "in", "on", "at", "to", "during", "after", "before", "from", "about", "of", "while", "with", "last",
        "this", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "reporters", "journalists", "again", "later", "then", "recently", "earlier", "—",
        "when", "as", "in", "via", "into", "over", "through", "outside", "inside", "by", "afterward", "afterwards",
    ]

    /// «- Bolton boss Sam Allardyce "I am bitterly disappointed …"»: a reactions list, a person's name and role
    /// heading the paragraph with no colon, the quotation right after the name.
    func labelled(_ q: QuotedSpan) -> Attribution? {
        let open = q.open, p = view.paragraph[open]
        guard p >= 0, open > 0 else { return nil }
        let windowStart = view.paragraphTokens[p].lowerBound
        guard windowStart < open, let m = phrases.mentions.person(at: open - 1),
              phrases.mentions.tokenRange(m).upperBound == open else { return nil }
        let name = phrases.mentions.tokenRange(m)
        var roleWords = 0
        for t in windowStart..<name.lowerBound {
            if view.isDash(t) { continue }
            guard view.isWord(t) else { return nil }
            if !view.isCapitalized(t) { roleWords += 1 }
            guard roleWords <= 3, !CueLexicon.clauseWords.contains(view.lower[t]), !SpeakerPhrase.isVerbWord(view.lower[t]) else { return nil }
        }
        // «Barack Obama "has no idea …," the senator said»: a name before a quoted predicate is no label; a label
        // opens a list item or carries a role, and the quotation starts a sentence.
        guard view.isDash(windowStart) || roleWords > 0, view.isCapitalized(q.firstContent),
              (q.firstContent...q.lastContent).filter({ view.isWord($0) }).count >= 4 else { return nil }
        return Attribution(cue: nil, speaker: max(name.lowerBound, windowStart)..<open, rule: "speaker-colon-before-quote")
    }

    /// Verbs without "-ed" that frame the words of a text, a song or a chant before a quotation.
    static let textFrames: Set<String> = ["began", "begins", "opens", "ends", "concludes", "goes", "went"]

    /// The words after the closing mark, to the end of the sentence, the next mark or the paragraph.
    /// `bare`: the quotation ended its own sentence, so only a bare attribution («“No.” Paul said.») counts,
    /// not a new sentence that reports something else («“No.” He said he would …»).
    func after(_ q: QuotedSpan, bare: Bool = false) -> Attribution? {
        guard let close = q.close else { return nil }
        let p = view.paragraph[close]
        var s = close + 1
        if let signed = signature(after: close) { return signed }
        guard s < view.count, view.paragraph[s] == p else { return nil }
        if view.lower[s] == "," { s += 1 }
        // «“…,” Sen. Ann Reed (D-Vt.) said Sunday.»: a stop inside a parenthesis ends no sentence.
        var end = s, inParenthesis = false
        while end < view.count, view.paragraph[end] == p, inParenthesis || !view.isTerminal(end), QuoteMarks.doubleMark(view, end) == nil,
              end - s < 40 {
            if view.lower[end] == "(" { inParenthesis = true } else if view.lower[end] == ")" { inParenthesis = false }
            end += 1
        }
        guard s < end else { return nil }
        if view.isDash(s) {
            // «“…” — Rubio said, before leaving.»: a verb after the dash makes it an ordinary attribution.
            if let name = phrases.phrase(startingAt: s + 1, before: end), signs(name, before: end) {
                return Attribution(cue: s..<(s + 1), speaker: name, rule: "dash-after-quote", endToken: end)
            }
            s += 1
        }
        // The cue must come within a short speaker phrase of the mark; an appositive in commas does not count
        // («“…,” Republican pollster Bill McInturff, part of the team conducting the survey, told NBC.»).
        var c = s, words = 0, appositive = 0, inAppositive = false
        // Capitalized words past the first count apart: a speaker may have a long name («nuclear experts David
        // Albright and Serena Kelleher of Washington's Institute for Science and International Security wrote»).
        var names = 0
        while c < end, words <= 12, appositive <= 20, names <= 12 {
            if isSpeechCue(c), !phrases.isNoun(c, from: s) || endsFrameAsVerb(c, from: s, end: end) { break }   // «“…,” the report said», not "report"
            if view.lower[c] == "according", c + 1 < end, view.lower[c + 1] == "to" { break }
            if isPutIt(c, before: end) { break }
            if view.lower[c] == ",", c > s { inAppositive.toggle() }
            if inAppositive { appositive += 1 } else if c > s, view.isCapitalized(c) { names += 1 } else { words += 1 }
            c += 1
        }
        var rule = "speaker-cue-after-quote"
        if c >= end || words > 12 || appositive > 20 || names > 12 {
            // A verb outside the lexicon in a bare «“…,” Hannity pressed.» / «“…,” he surmised.»
            guard let v = unknownVerb(s, end) else { return nil }
            c = v
            rule = "speaker-verb-after-quote"
        }
        let putIt = isPutIt(c, before: end)
        if bare && !(putIt || c + 1 >= end || DirectAttribution.afterCue.contains(view.lower[c + 1])
                     || (view.isCapitalized(c + 1) && !CueLexicon.pronouns.contains(view.lower[c + 1]) && endsAttribution(after: c + 1, end))) {
            return nil
        }
        // «“…,” as one analyst put it.»
        if putIt, let speaker = phrases.head(of: (view.lower[s] == "as" ? s + 1 : s)..<c) {
            return Attribution(cue: c..<(c + 2), speaker: speaker, rule: rule, endToken: end)
        }
        if view.lower[c] == "according" {
            return Attribution(cue: c..<(c + 2), speaker: phrases.phrase(startingAt: c + 2, before: end),
                               rule: "according-to-after-quote", endToken: end)
        }
        if c == s {
            guard var speaker = phrases.phrase(startingAt: c + 1, before: end) else { return nil }
            // «said Pike's spokeswoman, Maria Lopez.»: the name in apposition to the role.
            // «said Alyn Hockey, Clearswift's director of research.» keeps the name: the first side must be a role.
            if speaker.upperBound + 1 < end, view.lower[speaker.upperBound] == ",",
               speaker.contains(where: { view.isWord($0) && !view.isCapitalized($0) }),
               let next = phrases.phrase(startingAt: speaker.upperBound + 1, before: end),
               let name = phrases.apposition(speaker, next) {
                speaker = name
            }
            return Attribution(cue: c..<(c + 1), speaker: speaker,
                               rule: rule == "speaker-verb-after-quote" ? "verb-speaker-after-quote" : "cue-speaker-after-quote", endToken: end)
        }
        // «“…” This, they say, contrasts with …»: a bare attribution has no commas before its cue. A subject of
        // more than five tokens («“…” the Post's senior politics editor Steven Ginsberg responded.») holds no
        // clause word or verb of its own («“…” Shares in the firm fell after analysts said …»).
        if bare && (c - s > 9 || (s..<c).contains(where: { view.lower[$0] == "," })
                    || (c - s > 5 && (s..<c).contains(where: { isClauseOrVerb($0) }))) { return nil }
        if isPassive(c, from: s) {
            return Attribution(cue: c..<(c + 1), speaker: agent(after: c, before: end), rule: "passive-cue-after-quote", endToken: end)
        }
        if let quoted = quotedAsSaying(s, c) {
            return Attribution(cue: c..<(c + 1), speaker: quoted, rule: "quoted-as-saying", endToken: end)
        }
        guard let speaker = phrases.head(of: s..<c) else { return nil }
        return Attribution(cue: c..<(c + 1), speaker: speaker, rule: rule, endToken: end)
    }

    /// Whether a capitalized run after a cue («told Reuters», «said Tom Baker») ends the attribution: the
    /// sentence ends, or a comma, a possessive or an adverbial follows. «“…” Education Secretary Ruth Kelly said
    /// Ms Brook would …» reports what Ms Brook would do: a new sentence, not the quotation's attribution.
    private func endsAttribution(after first: Int, _ end: Int) -> Bool {
        // «said Janco Partners analyst Martin Pyykkonen.»: a role between names.
        if let name = phrases.phrase(startingAt: first, before: end), name.upperBound - first > 2,
           name.upperBound >= end || view.lower[name.upperBound] == "," { return true }
        var k = first
        while k < end, k - first < 6, view.isCapitalized(k) || view.lower[k] == "." { k += 1 }
        return k >= end || !view.isWord(k) || DirectAttribution.afterCue.contains(view.lower[k])
    }

    /// «“Great speech. She is ready.” ⏎ — President Obama, tweeting after the speech.»: a quotation closing its
    /// paragraph, signed by the next one, a dash and a name (the convention of epigraphs and quote boxes).
    private func signature(after close: Int) -> Attribution? {
        let s = close + 1
        guard s + 1 < view.count, view.paragraph[s] == view.paragraph[close] + 1,
              view.paragraphTokens[view.paragraph[s]].lowerBound == s, view.isDash(s) else { return nil }
        let paragraph = view.paragraphTokens[view.paragraph[s]]
        // «- The match will be televised on BBC One.»: a note after the story, not a signature.
        guard paragraph.count <= 20, let name = phrases.phrase(startingAt: s + 1, before: paragraph.upperBound),
              signs(name, before: paragraph.upperBound)
        else { return nil }
        return Attribution(cue: s..<(s + 1), speaker: name, rule: "dash-after-quote", endToken: paragraph.upperBound)
    }

    /// Whether the words after a dash sign a quotation: a name that ends the line or is followed by a role or a
    /// place («— Hillary Clinton, in Iowa», «— The Associated Press»), not a remark or a new sentence («— A bold
    /// claim.», «— There was also an award for …», «— Rubio said, before leaving»).
    private func signs(_ name: Range<Int>, before end: Int) -> Bool {
        let first = view.lower[name.lowerBound]
        let next = name.upperBound
        return view.isCapitalized(name.lowerBound) && first != "there"
            && (next >= end || [",", "(", ";"].contains(view.lower[next]) || view.isDash(next)
                || DirectAttribution.afterCue.contains(view.lower[next]) && !isSpeechCue(next))
            && (!CueLexicon.determiners.contains(first) || first == "the" && name.count > 1 && view.isCapitalized(name.lowerBound + 1))
            && !name.contains(where: { CueLexicon.modals.contains(view.lower[$0]) || CueLexicon.beForms.contains(view.lower[$0])
                || !view.isCapitalized($0) && (SpeakerPhrase.isVerbWord(view.lower[$0]) || CueLexicon.reporting.contains(view.lower[$0])) })
    }

    /// «"Pay gaps limit what women can achieve. ⏎ Ann Reed, Institute for Fiscal Studies."»: a quote box whose
    /// closing mark stands after the signature line, so the quotation was left open at its paragraph's end. The
    /// next paragraph is short, opens with a name and a comma, and ends with the stray closing mark.
    private func signatureInsideMarks(after last: Int) -> Attribution? {
        let s = last + 1
        guard s < view.count, view.paragraph[s] == view.paragraph[last] + 1,
              view.paragraphTokens[view.paragraph[s]].lowerBound == s else { return nil }
        let paragraph = view.paragraphTokens[view.paragraph[s]]
        guard paragraph.count <= 24, let mark = QuoteMarks.doubleMark(view, paragraph.upperBound - 1), mark.role != .open,
              let name = signatureName(from: s, before: paragraph.upperBound - 1) else { return nil }
        return Attribution(cue: nil, speaker: name, rule: "signature-after-quote", endToken: paragraph.upperBound)
    }

    /// «"Budgets matter. ⏎ Ann Reed, Institute for Fiscal Studies."»: the same quote box kept in one paragraph, the
    /// signature on the last line inside the marks. Returns the attribution and the signature's first token, where
    /// the quotation ends.
    func signatureInside(_ q: QuotedSpan) -> (Attribution, Int?)? {
        guard let close = q.close else { return signatureInsideMarks(after: q.lastContent).map { ($0, nil) } }
        guard close - q.firstContent > 4 else { return nil }
        guard let line = (max(q.firstContent + 2, close - 24)..<close).last(where: { view.index.lineBreakBefore($0) }),
              let name = signatureName(from: line, before: close) else { return nil }
        return (Attribution(cue: nil, speaker: name, rule: "signature-after-quote", endToken: close + 1), line)
    }

    /// The signer of a signature line `line..<end` («Ruth Calder, Institute for Budget Studies.»): a person's name —
    /// one the entity layer knows, or two to four capitalized words it tagged as nothing else («Mo Elleithee, director
    /// of …») — then a comma, and no verb on the line.
    private func signatureName(from line: Int, before end: Int) -> Range<Int>? {
        guard view.isCapitalized(line), !CueLexicon.determiners.contains(view.lower[line]), !CueLexicon.pronouns.contains(view.lower[line]),
              let name = phrases.phrase(startingAt: line, before: end), name.upperBound < end, view.lower[name.upperBound] == ",",
              namesPerson(name) || (2...4).contains(name.count)
                  && name.allSatisfy({ view.isCapitalized($0) && phrases.mentions.mention(covering: $0) == nil }),
              !(line..<end).contains(where: { SpeakerPhrase.isVerbWord(view.lower[$0]) || isSpeechCue($0) })
        else { return nil }
        return name
    }

    /// «as one analyst put it», «put it bluntly:»: "put it" with at most three words after it frames a quotation
    /// as a cue does.
    func isPutIt(_ i: Int, before end: Int) -> Bool {
        guard view.lower[i] == "put", i + 1 < end, view.lower[i + 1] == "it" else { return false }
        var k = i + 2
        while k < end, k - i <= 5, view.isWord(k), !view.isCapitalized(k) { k += 1 }
        return k == end || !view.isWord(k)
    }

    /// The opening mark of the quotation a closing mark ends (within 120 tokens of it).
    private func openingMark(before close: Int, from lowerBound: Int) -> Int? {
        (max(lowerBound, close - 120)..<close).last { QuoteMarks.doubleMark(view, $0)?.role == .open }
    }

    /// Whether a speaker phrase is a pronoun or holds a person's name.
    private func namesPerson(_ r: Range<Int>?) -> Bool {
        guard let r else { return false }
        if r.count == 1, CueLexicon.pronouns.contains(view.lower[r.lowerBound]) { return true }
        return r.contains { phrases.mentions.person(at: $0) != nil }
    }

    /// «“…,” the Interfax agency quoted Mr Khodorkovsky as saying», «“…,” the aid agency was quoted as saying»:
    /// the person quoted said it; "was quoted" leaves the subject as the speaker.
    private func quotedAsSaying(_ s: Int, _ c: Int) -> Range<Int>? {
        guard view.lower[c] == "saying", c - 1 > s, view.lower[c - 1] == "as",
              let q = (s..<(c - 1)).first(where: { view.lower[$0] == "quoted" }) else { return nil }
        if q + 1 < c - 1 { return phrases.phrase(startingAt: q + 1, before: c - 1) }
        var v = q
        while v > s, CueLexicon.beForms.contains(view.lower[v - 1]) { v -= 1 }
        return phrases.head(of: s..<v)
    }

    /// «Blumenthal was asked, “…?”», «“…?” she was asked by a reporter.»: a verb of address in the passive
    /// makes its subject the one spoken to, not the speaker.
    private func isPassive(_ c: Int, from start: Int) -> Bool {
        let verb = view.lower[c]
        guard CueLexicon.addressed.contains(verb), !CueLexicon.participles.contains(verb) else { return false }
        // "’s" is left out: «she’s asked» is as often "she has asked".
        var j = c - 1
        while j >= start, CueLexicon.adverbs.contains(view.lower[j]) || view.lower[j] == "being" {
            if ["is", "are", "was", "were", "be", "been", "being"].contains(view.lower[j]) { return true }
            j -= 1
        }
        return false
    }

    /// The agent of a passive verb, «asked by host Bill Maher»; nil when none is named.
    private func agent(after c: Int, before end: Int) -> Range<Int>? {
        guard c + 2 < end, view.lower[c + 1] == "by" else { return nil }
        return phrases.phrase(startingAt: c + 2, before: end)
    }

    /// A speech verb written in lower case, or opening its sentence («Said Comey, …»): "State" in
    /// "Secretary of State" is no cue.
    /// «Asked which county he liked best, he demurred: “…”»: a sentence opening with a verb of address in the
    /// past is a passive clause whose subject comes later; it is no inverted cue.
    func isSpeechCue(_ i: Int) -> Bool {
        let w = view.lower[i]
        guard CueLexicon.speech.contains(w) else { return false }
        guard view.isCapitalized(i) else { return true }
        return view.opensSentence(i) && !(CueLexicon.addressed.contains(w) && (w.hasSuffix("ed") || w == "told"))
    }

    /// A word that starts a clause or is a verb: a speaker phrase holds none («the editor of the paper» holds "of").
    private func isClauseOrVerb(_ i: Int) -> Bool {
        let w = view.lower[i]
        return (CueLexicon.clauseWords.contains(w) && w != "of") || SpeakerPhrase.isVerbWord(w) || CueLexicon.pronouns.contains(w)
            || (!view.isCapitalized(i) && (w.hasSuffix("ed") || CueLexicon.reporting.contains(w)))
    }

    /// «“…,” a voice-over in the ad states.», «“…,” Bozell notes.»: a cue form that is a noun more often than a
    /// verb is the verb when it closes the frame after a subject. A determiner, a possessive or a preposition
    /// before it («“…,” the agency's report.», «… were unavailable for comment.») keeps it a noun, and so does
    /// a verb of its own in the frame.
    private func endsFrameAsVerb(_ c: Int, from s: Int, end: Int) -> Bool {
        guard CueLexicon.nounLike.contains(view.lower[c]), c > s, c + 1 == end || view.lower[c + 1] == "," else { return false }
        let before = view.lower[c - 1]
        return view.isWord(c - 1) && !CueLexicon.determiners.contains(before) && CueLexicon.possessives[before] == nil
            && !CueLexicon.clauseWords.contains(before) && !(s..<c).contains { SpeakerPhrase.isVerbWord(view.lower[$0]) }
    }

    /// A verb outside the lexicon in a bare attribution, ending the window or followed by an adverbial:
    /// «pronoun verb», «Name Name verbed», «a description verbed» («“Out!” the crowd yelled.», «“…?” a staffer
    /// in the room wondered.»), or the verb first and a name after it («“…,” remembered Roy Verley, …»).
    /// English frames a quotation with a short subject and a verb of its own, or inverts the two after the
    /// quote, only to say who spoke it, so the frame's shape is the evidence, whatever the verb.
    private func unknownVerb(_ s: Int, _ end: Int) -> Int? {
        var v = s
        if CueLexicon.pronouns.contains(view.lower[s]), view.lower[s] != "it", view.lower[s] != "who", view.lower[s] != "which" {
            v = s + 1
        } else if let inverted = invertedVerb(s, end) {
            return inverted
        } else {
            if ["a", "an", "the"].contains(view.lower[s]) {
                // A description: the determiner, its modifiers and a short prepositional phrase («in the room»).
                v = s + 1
                while v < end, v - s <= 7, view.isWord(v),
                      !CueLexicon.clauseWords.contains(view.lower[v]) || ["in", "of", "at", "from"].contains(view.lower[v]),
                      !view.lower[v].hasSuffix("ed") || view.isCapitalized(v) { v += 1 }
            } else {
                while v < end, v - s < 4, view.isWord(v), view.isCapitalized(v) { v += 1 }
            }
            guard v > s + 1 || view.isCapitalized(s), v < end, view.lower[v].hasSuffix("ed") else { return nil }
        }
        guard v < end, view.isWord(v), !view.isCapitalized(v), !CueLexicon.clauseWords.contains(view.lower[v]),
              !CueLexicon.adverbs.contains(view.lower[v]) else { return nil }
        guard v + 1 >= end || DirectAttribution.afterCue.contains(view.lower[v + 1]) else { return nil }
        return v
    }

    /// «“…,” remembered Roy Verley, HP's spokesman.», «“…,” smiles one broker.»: a verb in the past or the present
    /// right after the quote, then a name (capitalized, not a day or a pronoun) that the speaker phrase accepts, or a
    /// short description ending the sentence.
    private func invertedVerb(_ s: Int, _ end: Int) -> Int? {
        let w = view.lower[s]
        let present = w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is")
        guard s + 1 < end, view.isWord(s), !view.isCapitalized(s), w.hasSuffix("ed") || present, w.utf8.count > 4,
              !CueLexicon.clauseWords.contains(w), !CueLexicon.adverbs.contains(w), view.isWord(s + 1) else { return nil }
        if view.isCapitalized(s + 1), !CueLexicon.pronouns.contains(view.lower[s + 1]),
           phrases.phrase(startingAt: s + 1, before: end) != nil { return s }
        // «smiles one broker.»: a determiner and at most three lower-case words, to the end of the sentence.
        guard ["one", "a", "an", "the"].contains(view.lower[s + 1]), end - (s + 2) >= 1, end - (s + 2) <= 3,
              end >= view.count || view.isTerminal(end),
              ((s + 2)..<end).allSatisfy({ view.isWord($0) && !view.isCapitalized($0) && !CueLexicon.clauseWords.contains(view.lower[$0])
                  && !SpeakerPhrase.isVerbWord(view.lower[$0]) }) else { return nil }
        return s
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
        // «Kasich: ‘We are going …’»: a name and a colon open the sentence.
        if view.lower[last] == ":", last > windowStart, last - windowStart <= 4,
           (windowStart..<last).allSatisfy({ view.isCapitalized($0) || view.lower[$0] == "." }) {
            // «Said Hale: “…”»: an inverted cue, not part of the name.
            if last - windowStart >= 2, isSpeechCue(windowStart) {
                return Attribution(cue: windowStart..<(windowStart + 1), speaker: (windowStart + 1)..<last, rule: "cue-speaker-before-quote")
            }
            return Attribution(cue: last..<(last + 1), speaker: windowStart..<last, rule: "speaker-colon-before-quote")
        }
        let sentenceStart = max(windowStart, last - 60)   // a run-on sentence stays linear
        // Text before a closing mark in the window belongs to an earlier quotation, not to the speaker. A quotation
        // opened inside the sentence after its first words leaves them the sentence's subject («McConnell called the
        // bill “a disaster”, adding: “…”»).
        var subjectBeforeQuotation: Range<Int>? = nil
        if let q = (windowStart..<last).last(where: { QuoteMarks.doubleMark(view, $0)?.role == .close }) {
            if let open = (sentenceStart..<q).first(where: { QuoteMarks.doubleMark(view, $0)?.role == .open }), open > sentenceStart {
                subjectBeforeQuotation = sentenceStart..<open
            }
            windowStart = q + 1
        }
        guard windowStart <= last else { return nil }
        var c = last
        while c >= windowStart, last - c <= 12 {
            if isSpeechCue(c), !phrases.isNoun(c, from: windowStart) { break }   // «the state’s counties»: no cue
            if view.lower[c] == "to", c - 1 >= windowStart, view.lower[c - 1] == "according" { break }
            if isPutIt(c, before: last) { break }
            c -= 1
        }
        guard c >= windowStart, last - c <= 12 else {
            // «Trump leaned in and boomed: “…”», «Silverman interjected, “…”»: a verb outside the lexicon.
            // «But as The Hill pointed out, “…”»: a particle may follow the verb.
            // «The Tory leader went on: “…”»: any verb before such a particle.
            let particle = last - 1 >= windowStart && ["out", "back", "up", "on"].contains(view.lower[last - 1])
            let verb = particle ? last - 2 : last - 1
            // «The email began, “…”», «The chant goes: “…”»: verbs that frame a text's words without "-ed".
            let verbBefore = verb >= windowStart && view.isWord(verb) && !view.isCapitalized(verb)
                && (view.lower[verb].hasSuffix("ed") || particle || DirectAttribution.textFrames.contains(view.lower[verb]))
                && !CueLexicon.clauseWords.contains(view.lower[verb])
            guard view.lower[last] == ":" || verbBefore else { return nil }
            // «According to Frank Brown, an adviser at PwC, the trend has one clear upside: “…”»: the sentence names its
            // source before its subject.
            if view.lower[last] == ":", let according = (windowStart..<min(windowStart + 3, last)).first(where: { view.lower[$0] == "according" }),
               according + 2 < last, view.lower[according + 1] == "to",
               let source = phrases.phrase(startingAt: according + 2, before: last) {
                return Attribution(cue: according..<(according + 2), speaker: source, rule: "according-to-before-quote")
            }
            let named = verbBefore ? phrases.subject(before: verb, from: windowStart).flatMap {
                view.isCapitalized($0.lowerBound) || CueLexicon.pronouns.contains(view.lower[$0.lowerBound]) ? $0 : nil } : nil
            guard var speaker = named ?? phrases.speakingSubject(from: windowStart, before: last) else { return nil }
            // «The timing doesn't surprise pollster Daron Shaw: “…”»: when the subject names nobody, a person
            // named right before the colon speaks.
            if view.lower[last] == ":", !CueLexicon.pronouns.contains(view.lower[speaker.lowerBound]),
               !speaker.contains(where: { phrases.mentions.mention(covering: $0) != nil }),
               let m = phrases.mentions.person(at: last - 1), phrases.mentions.tokenRange(m).upperBound == last {
                speaker = phrases.mentions.tokenRange(m)
            }
            return Attribution(cue: verb..<last, speaker: speaker, rule: "subject-colon-before-quote")
        }
        if isPutIt(c, before: last) {
            // «As Gavin Cox of the buildyourown.org.uk website put it: “…”»: the subject, never the "it" after the verb.
            guard let speaker = phrases.subject(before: c, from: windowStart) ?? phrases.lastNamed(from: windowStart, before: c)
                    ?? phrases.speakingSubject(from: windowStart, before: c) else { return nil }
            return Attribution(cue: c..<(c + 2), speaker: speaker, rule: "speaker-cue-before-quote")
        }
        if view.lower[c] == "to" {
            return Attribution(cue: (c - 1)..<(c + 1), speaker: phrases.phrase(startingAt: c + 1, before: last),
                               rule: "according-to-before-quote")
        }
        // «Stallone appeared not to have enjoyed her time in the house saying: “…”», «The club issued a statement
        // saying: “…”»: without a form of "be" before it, a participle's speaker is the subject, not the thing before
        // it; «footage of Trump saying, “…”» is the person's.
        // «…, “We’re safe now. It’s over,” adding, “…”»: right after the closing mark of a quotation that began in an
        // earlier sentence.
        let afterQuotation = c == windowStart && c > 0 && QuoteMarks.doubleMark(view, c - 1)?.role == .close
            && openingMark(before: c - 1, from: paragraphStart).map { view.sentence[$0] != view.sentence[c - 1] } ?? false
        if CueLexicon.participles.contains(view.lower[c]), afterQuotation || c - 1 >= windowStart
            && ([",", "while", "before", "after", "when"].contains(view.lower[c - 1])
                || (!CueLexicon.beForms.contains(view.lower[c - 1]) && !namesPerson(phrases.subject(before: c, from: windowStart)))) {
            // «…,” Warren said to Obama, adding, “…”»: the subject of the finite cue before it.
            // «he sounded a rare note of self-deprecation, saying»: a noun-like cue ("note", "comments") is a
            // verb only with "that" after it.
            // A cue inside a relative clause («an architect who said he was stiffed») is not the sentence's.
            // «Gore insisted it was “premature” …, while adding, “…”»: the finite cue may stand before a scare quote.
            // «Moore said he felt they were saying, “We’re safe now. It’s over,” adding, “…”»: a quotation before the
            // participle that began in an earlier sentence takes the look-back to that sentence.
            // «…, with one of her ads asking, “…”»: in an absolute phrase the noun before the participle speaks.
            // «with a statement issued on Sunday reading:» is the subject's statement: the noun takes no participle,
            // no preposition but "of", and is no statement or release of the subject's.
            if let with = (max(windowStart, c - 6)..<c).last(where: { view.lower[$0] == "with" }), with + 1 < c,
               ((with + 1)..<c).allSatisfy({ (view.isWord($0) || view.tokens[$0].kind == .clitic)
                   && !SpeakerPhrase.isVerbWord(view.lower[$0]) && !isSpeechCue($0) && !view.lower[$0].hasSuffix("ed")
                   && (!CueLexicon.prepositions.contains(view.lower[$0]) || view.lower[$0] == "of") }),
               !["statement", "statements", "release", "letter"].contains(view.lower[c - 1]) {
                let noun = (with + 1)..<c
                return Attribution(cue: c..<(c + 1), speaker: phrases.head(of: noun) ?? noun, rule: "participle-before-quote")
            }
            var lookFrom = sentenceStart, lookTo = max(sentenceStart, c - 1)
            if let close = (sentenceStart..<c).last(where: { QuoteMarks.doubleMark(view, $0)?.role == .close }),
               let open = openingMark(before: close, from: paragraphStart),
               open < sentenceStart, open > paragraphStart, view.sentence[open - 1] >= 0 {
                lookFrom = max(view.sentenceTokens[view.sentence[open - 1]].lowerBound, open - 60)
                lookTo = open
            }
            if let d = (lookFrom..<lookTo).last(where: { isSpeechCue($0) && !CueLexicon.participles.contains(view.lower[$0])
                    && !phrases.isNoun($0, from: lookFrom) }),
               let speaker = phrases.subject(before: d, from: lookFrom) ?? phrases.phrase(startingAt: d + 1, before: lookTo),
               !["who", "which", "that"].contains(view.lower[speaker.lowerBound]) {
                return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "participle-before-quote")
            }
            // Right after a quotation with no finite cue found, the speaker in focus says it.
            if afterQuotation { return nil }
            return Attribution(cue: c..<(c + 1), speaker: phrases.speakingSubject(from: windowStart, before: c)
                                   ?? subjectBeforeQuotation.flatMap { phrases.speakingSubject(from: $0.lowerBound, before: $0.upperBound) },
                               rule: "participle-before-quote")
        }
        if isPassive(c, from: windowStart) {
            return Attribution(cue: c..<(c + 1), speaker: agent(after: c, before: last), rule: "passive-cue-before-quote")
        }
        if let speaker = phrases.subject(before: c, from: windowStart) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "speaker-cue-before-quote")
        }
        // «Mr Brown is alleged to have told the prime minister: “…”»: after "told", "warned", "asked" stands who
        // was spoken to; the sentence's subject speaks.
        if CueLexicon.addressed.contains(view.lower[c]), !CueLexicon.participles.contains(view.lower[c]), c > windowStart,
           let speaker = phrases.lastNamed(from: windowStart, before: c) ?? phrases.speakingSubject(from: windowStart, before: c) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "subject-cue-before-quote")
        }
        if let speaker = phrases.phrase(startingAt: c + 1, before: last) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "cue-speaker-before-quote")
        }
        // «I laughed and said, “…”»: the subject of the sentence.
        if c > windowStart, let speaker = phrases.speakingSubject(from: windowStart, before: c) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "subject-cue-before-quote")
        }
        // «McConnell called the bill “a disaster” and added: “…”»: the subject before the quoted words.
        if let before = subjectBeforeQuotation, c == windowStart || c - 1 == windowStart && ["and", "but"].contains(view.lower[windowStart]),
           let speaker = phrases.speakingSubject(from: before.lowerBound, before: before.upperBound) {
            return Attribution(cue: c..<(c + 1), speaker: speaker, rule: "subject-cue-before-quote")
        }
        return nil
    }
}
