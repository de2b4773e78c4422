import PipelineKit

/// Runs the rules over one document: pairs the marks, attributes each quotation, joins split and
/// continued quotations, finds reported speech, then resolves every speaker.
///
/// ```swift
/// let quotes = QuoteFinder(document, settings: .init()).quotes(step: "extract-quotes")
/// ```
struct QuoteFinder {
    struct Settings {
        var kinds: Set<Quote.Kind> = [.direct, .mixed, .indirect]
        /// A quotation with fewer words and no attribution is a scare quote or a title.
        var minWords = 4
        var resolveSpeakers = true
        /// Keep only quotes a cue beside them attributes (and the fragments joined to those).
        var onlyCued = false
    }

    /// One quote being built, in token terms.
    private struct Item {
        var fragments: [Span]
        var first: Int
        var last: Int
        var kind: Quote.Kind
        var cue: Range<Int>?
        var speaker: Range<Int>?
        var rule: String
        /// After-quote attribution end, for joining a following fragment.
        var endToken: Int
        /// Whether a cue beside the quote attributes it; a quotation without one takes the speaker in focus.
        var cued = true
    }

    let view: QuoteTokens
    let mentions: MentionIndex
    let settings: Settings

    init(_ document: Document, settings: Settings) {
        view = QuoteTokens(document)
        mentions = MentionIndex(document, view: view)
        self.settings = settings
    }

    func quotes(step: String) -> [Quote] {
        guard view.count > 0 else { return [] }
        let phrases = SpeakerPhrase(view: view, mentions: mentions)
        let direct = DirectAttribution(view: view, phrases: phrases)
        var items: [Item] = []
        var unattributed: [QuotedSpan] = []

        var inSentence: [Int] = []   // indices into `unattributed` of quotations opening mid-sentence
        let spans = QuoteMarks.pair(view)
        var quoted = [Bool](repeating: false, count: view.count)
        for q in spans { for t in q.open...q.lastToken { quoted[t] = true } }
        for q in spans {
            let words = (q.firstContent...q.lastContent).reduce(0) { $0 + (view.isWord($1) ? 1 : 0) }
            let lastMark = lastPunctuation(q)
            // "!!", "?!" and "!!!!!" end a quotation as one "!" does (emails and tweets quoted in news).
            let endsInPunct = [",", "—", "–", "…", "..."].contains(view.lower[lastMark])
                || (!view.lower[lastMark].isEmpty && view.lower[lastMark].utf8.allSatisfy { $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") })
                || (q.close.map { $0 + 1 < view.count && view.lower[$0 + 1] == "," } ?? false)
            let endsSentence = view.isTerminal(lastMark)
            let long = words >= settings.minWords

            if opensMidSentence(q) {
                // «he “grabbed ahold of it,” said Drew»: a quoted fragment inside the speaker's own sentence
                // is a mixed quote; unattributed, it is a scare quote or a title unless reported speech holds it.
                let sentence = view.sentence[q.open]
                if let labelled = direct.labelled(q) {
                    items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: nil,
                                      speaker: labelled.speaker, rule: labelled.rule, endToken: q.lastToken + 1))
                    continue
                }
                if var prev = items.last, prev.rule == "evaluative-mixed", sentence >= 0, view.sentence[prev.last] == sentence {
                    // «called the film a “fine thriller” but “poor history”»: one mixed quote.
                    prev.fragments = [view.span(prev.first, q.lastToken)]
                    prev.last = q.lastToken
                    prev.endToken = q.lastToken + 1
                    items[items.count - 1] = prev
                } else if let found = evaluative(q, phrases: phrases) {
                    items.append(found)
                } else if endsInPunct, !isTitle(q), let found = direct.after(q), found.speaker != nil {
                    let sentence = view.sentence[q.open]
                    let start = sentence >= 0 ? view.sentenceTokens[sentence].lowerBound : q.open
                    let last = q.lastToken
                    items.append(Item(fragments: [view.span(start, last)], first: start, last: last, kind: .mixed,
                                      cue: found.cue, speaker: found.speaker, rule: found.rule,
                                      endToken: found.endToken ?? last + 1))
                } else {
                    inSentence.append(unattributed.count)
                    unattributed.append(q)
                }
                continue
            }

            if let (signed, line) = direct.signatureInside(q) {
                var fragments = q.fragments
                if let line { fragments[fragments.count - 1].end = view.tokens[line - 1].span.end }
                items.append(Item(fragments: fragments, first: q.open, last: q.lastToken, kind: .direct, cue: nil,
                                  speaker: signed.speaker, rule: signed.rule, endToken: q.lastToken + 1))
                continue
            }
            var a: Attribution?
            let introduced = q.open > 0 && view.paragraph[q.open - 1] == view.paragraph[q.open] && [",", ":"].contains(view.lower[q.open - 1])
            if endsInPunct, introduced, view.lower[lastMark] == "?" || view.lower[lastMark] == "!" {
                // «Clinton responds with, “Why now?” Mills then writes back, …»: a question or exclamation opened by
                // its cue and a comma belongs to that cue; what follows it is a new sentence.
                a = direct.before(q) ?? direct.after(q)
            } else if endsInPunct {
                a = direct.after(q) ?? direct.before(q)
                // «“… What am I doing there?’” LTA chief executive John Crowther added: “…”»: after a question or an
                // exclamation, an attribution ending in a colon before an opening mark introduces the next quotation.
                // («“…,” said Skelly, explaining …: “…”» is both quotations'.)
                if endsSentence, let after = a, let end = after.endToken, end < view.count, end - 1 > q.lastToken, view.lower[end - 1] == ":",
                   QuoteMarks.doubleMark(view, end)?.role == .open {
                    a = direct.before(q)
                }
                // «When someone shouted, “Cruz,” Beck joked, “Amen!”»: an attribution after the quotation that opens
                // the next one is that one's; a cue before the quotation, introducing it, speaks it.
                if introduced, let after = a, let end = after.endToken, end < view.count, end - 1 > q.lastToken,
                   QuoteMarks.doubleMark(view, end)?.role == .open, [",", ":"].contains(view.lower[end - 1]),
                   let before = direct.before(q), before.cue != nil, before.speaker != nil, before.rule.hasPrefix("speaker-cue") {
                    a = before
                }
            } else {
                a = direct.before(q)
                // A quotation right after the last one continues it, unless its sentence runs on past the closing
                // mark into a verb of speech of its own («“…” ⏎ "…" the Post's senior politics editor responded.»).
                // After a full stop inside the marks, the words that follow are a new sentence («“….” The Refugee
                // Council said Mr Howard's …»), and so is a verb outside the lexicon («The CBI found some firms managed …»).
                let labelled = a.map { $0.rule.hasSuffix("colon-before-quote") } ?? false
                let own = (a == nil || labelled) && (endsSentence || long) ? direct.after(q, bare: true) : nil
                // «Quotes of the week: “…” — Donald Trump, at a rally. “…” — Hillary Clinton, in Iowa.»: a dash and a
                // name sign the quotation before them, over a heading's colon and over joining the one before.
                let signed = own?.rule == "dash-after-quote"
                if signed { a = own }
                let ownCue = signed || !endsSentence
                    && (own.map { $0.rule.hasPrefix("speaker-cue-after-quote") || $0.rule.hasPrefix("cue-speaker-after-quote") } ?? false)
                if a == nil, !ownCue, let prev = items.last, prev.kind == .direct, joins(prev, q) {
                    a = nil   // joined below
                } else if a == nil {
                    a = own
                }
            }
            if let found = a, !long, !endsInPunct, !endsSentence, found.endToken == nil,
               !(q.open > 0 && [",", ":"].contains(view.lower[q.open - 1])) {
                a = nil   // «Trump said “fantastic”»: a scare quote
            }
            if let found = a {
                items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: found.cue,
                                  speaker: found.speaker, rule: found.rule, endToken: found.endToken ?? q.lastToken + 1))
                continue
            }
            if view.lower[lastMark] == "," || view.lower[q.lastToken + 1 < view.count ? q.lastToken + 1 : q.lastToken] == ",",
               let name = nameAfter(q) {
                // «“…,” Bennett shot back.»: a name right after the quotation speaks it, even where the
                // quotation could continue the previous speaker's.
                items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: nil,
                                  speaker: name, rule: "speaker-after-quote", endToken: name.upperBound))
                continue
            }
            if var prev = items.last, prev.kind == .direct, joins(prev, q) {
                // «“A,” Paul said. “B.”» or a paragraph continuing the previous speaker's quotation.
                let sameParagraph = view.paragraph[prev.last] == view.paragraph[q.open]
                prev.fragments += q.fragments
                prev.last = q.lastToken
                prev.endToken = q.lastToken + 1
                if !sameParagraph, !prev.rule.hasSuffix("+continuation") { prev.rule += "+continuation" }
                items[items.count - 1] = prev
                continue
            }
            unattributed.append(q)
        }

        // Reported speech around what the direct rules did not use.
        var masked = [Bool](repeating: false, count: view.count)
        for item in items {
            for t in item.first...item.last { masked[t] = true }
            if let c = item.cue { for t in c { masked[t] = true } }
            if let s = item.speaker { for t in s { masked[t] = true } }
        }
        // Quotations inside reported speech are claimed by it (a mixed quote). Found by binary search over
        // their opening tokens: scanning every quotation per reported clause made a long document quadratic.
        var claimed = [Bool](repeating: false, count: unattributed.count)
        let byOpen = unattributed.indices.sorted { unattributed[$0].open < unattributed[$1].open }
        let opens = byOpen.map { unattributed[$0].open }
        if settings.kinds.contains(.indirect) || settings.kinds.contains(.mixed) {
            let reported = ReportedSpeech(view: view, phrases: phrases)
            for sentence in view.sentenceTokens where !sentence.isEmpty {
                for f in reported.find(in: sentence, masked: masked) {
                    var lo = 0, hi = opens.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if opens[mid] < f.content.lowerBound { lo = mid + 1 } else { hi = mid }
                    }
                    var inside: [Int] = []
                    while lo < opens.count, opens[lo] < f.content.upperBound {
                        if !claimed[byOpen[lo]] { inside.append(byOpen[lo]) }
                        lo += 1
                    }
                    for k in inside { claimed[k] = true }
                    let spans = (f.parts.isEmpty ? [f.content] : f.parts).map { view.span($0.lowerBound, $0.upperBound - 1) }
                    items.append(Item(fragments: spans, first: f.content.lowerBound, last: f.content.upperBound - 1,
                                      kind: inside.isEmpty ? .indirect : .mixed, cue: f.cue, speaker: f.speaker,
                                      rule: f.rule, endToken: f.content.upperBound))
                }
            }
        }

        let opensInSentence = Set(inSentence)
        let pendingIndices = unattributed.indices.filter { !claimed[$0] }
        let pending = pendingIndices.map { unattributed[$0] }
        let pendingInSentence = pendingIndices.map { opensInSentence.contains($0) }

        // Quotations nobody claimed: real quotes when long and sentence-like (the speaker in focus said them,
        // resolved below), else scare quotes or titles.
        if !settings.onlyCued {
            // «The ECB “may sound rather hawkish but once the data allows them to cut again, they will.”»: a long
            // quotation closing a sentence it opened inside is the words of the speaker in focus, a mixed quote;
            // short ones are scare quotes and titles.
            for (k, q) in pending.enumerated() where pendingInSentence[k] {
                let words = (q.firstContent...q.lastContent).reduce(0) { $0 + (view.isWord($1) ? 1 : 0) }
                let sentence = view.sentence[q.open]
                guard words >= max(settings.minWords, 6), sentence >= 0, view.isTerminal(lastPunctuation(q))
                        || (q.close.map { $0 + 1 < view.count && view.isTerminal($0 + 1) } ?? false) else { continue }
                let start = view.sentenceTokens[sentence].lowerBound
                // A sentence of hundreds of words is a list, not a speaker's sentence (and would make this quadratic).
                guard q.open - start <= 80 else { continue }
                // «Standard Chartered sees “…”», «It blamed “…”»: the subject acting on the words speaks them;
                // «The ECB “may sound hawkish …”», «India is a “growing economy …”» describe the subject in
                // someone else's words.
                if let subject = phrases.speakingSubject(from: start, before: q.open), subject.upperBound < q.open,
                   acts(after: subject, before: q.open) {
                    items.append(Item(fragments: [view.span(start, q.lastToken)], first: start, last: q.lastToken, kind: .mixed,
                                      cue: subject.upperBound..<(subject.upperBound + 1), speaker: subject, rule: "subject-mixed",
                                      endToken: q.lastToken + 1))
                    continue
                }
                items.append(Item(fragments: [view.span(start, q.lastToken)], first: start, last: q.lastToken, kind: .mixed,
                                  cue: nil, speaker: nil, rule: "speaker-in-focus", endToken: q.lastToken + 1, cued: false))
            }
            for (k, q) in pending.enumerated() where !pendingInSentence[k] {
                let words = (q.firstContent...q.lastContent).reduce(0) { $0 + (view.isWord($1) ? 1 : 0) }
                let startsSentence = q.open == 0 || view.paragraph[q.open - 1] != view.paragraph[q.open]
                    || view.isTerminal(q.open - 1) || [":", ","].contains(view.lower[q.open - 1])
                guard words >= settings.minWords, startsSentence || view.isTerminal(q.lastContent) else { continue }
                if let name = nameAfter(q) {
                    items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: nil,
                                      speaker: name, rule: "speaker-after-quote", endToken: name.upperBound))
                    continue
                }
                if let (cue, issuer) = statementIssued(before: q, phrases: phrases) {
                    items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: cue,
                                      speaker: issuer, rule: "statement-before-quote", endToken: q.lastToken + 1))
                    continue
                }
                // «“It was careful,” was Mr Marr's assessment.», «AS offers one viewpoint: “…”»: the sentence around
                // the quotation frames it in a way no rule above reads, and often names someone other than the speaker
                // in focus (15 of the 29 such quotations in news-bbc did), so a guess would misattribute as often as
                // not. Only a quotation that is a sentence of its own continues the speaker in focus.
                guard !sharesSentence(q) else { continue }
                items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: nil,
                                  speaker: nil, rule: "speaker-in-focus", endToken: q.lastToken + 1, cued: false))
            }
        }

        items.sort { $0.first < $1.first }
        var resolver = SpeakerResolver(view: view, mentions: mentions, quoted: quoted)
        var quotes: [Quote] = []
        for var item in items {
            var resolved: SpeakerResolver.Resolution? = nil
            if !item.cued {
                // No cue of its own: the speaker in focus said it, where one is.
                if let focus = resolver.inFocus(at: item.first, saying: item.kind == .direct ? item.first...item.last : nil) {
                    item.speaker = focus.speaker
                    resolved = focus.resolution
                    // «“… I am told the squad will be fit.”»: the "I" of speech it reports is this speaker. A phrase
                    // quoted inside a sentence is too weak a guess to pass on.
                    if item.kind == .direct {
                        resolver.spoke(focus.resolution, speaker: focus.speaker, at: item.first, through: item.last)
                    }
                } else {
                    item.rule = "no-attribution"
                }
            } else if let s = item.speaker {
                resolved = resolver.resolve(s, at: item.first, saying: item.first...item.last)
                if let via = resolved?.via { item.rule += "+\(via)" }
                // «X said the survey showed that …»: a thing that shows or finds something is no speaker in focus for
                // the quotations after it.
                let evidence = item.cue.map { CueLexicon.thoughtOrEvidence.contains(view.lower[$0.lowerBound]) } ?? false
                // «“Eddie told me how tough they had made it …”»: speech reported inside someone's quotation leaves the
                // focus with the one quoted.
                if !quoted[s.lowerBound] {
                    resolver.spoke(resolved, speaker: s, at: item.first, through: item.last, isEvidence: evidence && resolved?.isPerson != true)
                }
            }
            guard settings.kinds.contains(item.kind) else { continue }
            var quote = Quote(span: Span(start: item.fragments[0].start, end: item.fragments[item.fragments.count - 1].end),
                              fragments: item.fragments, kind: item.kind,
                              cue: item.cue.map { view.span($0.lowerBound, $0.upperBound - 1) },
                              speaker: item.speaker.map { view.span($0.lowerBound, $0.upperBound - 1) },
                              rule: item.rule, step: step)
            if settings.resolveSpeakers, let r = resolved {
                quote.speakerEntityID = r.entityID
                quote.speakerName = r.isUnnamed ? nil : r.name
            }
            quotes.append(quote)
        }
        return quotes
    }

    /// Whether the sentence a quotation opens in, or the one it closes in, has words outside its marks. Looks at most
    /// 80 tokens each way (a run of punctuation that long is no sentence of its own), so a huge sentence stays linear.
    private func sharesSentence(_ q: QuotedSpan) -> Bool {
        let first = view.sentence[q.open], last = view.sentence[q.lastToken]
        if first >= 0 {
            let start = view.sentenceTokens[first].lowerBound
            if q.open - start > 80 || (start..<q.open).contains(where: { view.isWord($0) }) { return true }
        }
        if last >= 0 {
            let end = view.sentenceTokens[last].upperBound
            if end - q.lastToken > 81 || ((q.lastToken + 1)..<end).contains(where: { view.isWord($0) }) { return true }
        }
        return false
    }

    /// «The opposition dismissed the plan as “desperate”», «X called the film a “fine thriller”»: a quoted
    /// phrase after an evaluative verb with a subject is a mixed quote of that subject, from the verb's
    /// object to the closing mark.
    private func evaluative(_ q: QuotedSpan, phrases: SpeakerPhrase) -> Item? {
        let s = view.sentence[q.open]
        guard s >= 0 else { return nil }
        let start = view.sentenceTokens[s].lowerBound
        var v = q.open - 1
        while v > start, q.open - v <= 12, !CueLexicon.evaluative.contains(view.lower[v]) {
            if QuoteMarks.doubleMark(view, v) != nil || view.isTerminal(v) || view.lower[v] == ";" { return nil }
            v -= 1
        }
        guard v > start, CueLexicon.evaluative.contains(view.lower[v]), !view.isCapitalized(v), v + 1 < q.open else { return nil }
        // «He is described as “a proud grandfather”», «the plan was branded “a shambles”»: in the passive the
        // subject is the one described, not who described it.
        var b = v - 1
        while b > start, v - b <= 3, CueLexicon.adverbs.contains(view.lower[b]), !CueLexicon.beForms.contains(view.lower[b]) { b -= 1 }
        if CueLexicon.beForms.contains(view.lower[b]), view.lower[b] != "’s", view.lower[b] != "'s" { return nil }
        guard let speaker = phrases.subject(before: v, from: start) else { return nil }
        return Item(fragments: [view.span(v + 1, q.lastToken)], first: v + 1, last: q.lastToken, kind: .mixed,
                    cue: v..<(v + 1), speaker: speaker, rule: "evaluative-mixed", endToken: q.lastToken + 1)
    }

    /// «The party issued a statement apologizing to the senator. ⏎ “On behalf of everyone here, we …”»: a quotation
    /// opening the paragraph after one that ends by saying someone issued or released a statement is that
    /// statement, whoever was speaking before. Returns the cue (the verb to "statement") and the issuer.
    private func statementIssued(before q: QuotedSpan, phrases: SpeakerPhrase) -> (Range<Int>, Range<Int>)? {
        let p = view.paragraph[q.open]
        guard p > 0, view.paragraphTokens[p].lowerBound == q.open, !view.paragraphTokens[p - 1].isEmpty else { return nil }
        let lastSentence = view.sentence[view.paragraphTokens[p - 1].upperBound - 1]
        guard lastSentence >= 0 else { return nil }
        let sentence = view.sentenceTokens[lastSentence]
        let from = max(sentence.lowerBound, view.paragraphTokens[p - 1].lowerBound)
        guard let noun = (from..<sentence.upperBound).first(where: { ["statement", "statements"].contains(view.lower[$0]) }),
              let verb = (max(from, noun - 4)..<noun).first(where: { Self.issuing.contains(view.lower[$0]) }),
              ((verb + 1)..<noun).allSatisfy({ view.isWord($0) && !view.isCapitalized($0) }),
              let issuer = phrases.subject(before: verb, from: from) ?? phrases.speakingSubject(from: from, before: verb),
              !CueLexicon.pronouns.contains(view.lower[issuer.lowerBound]) || issuer.count == 1
        else { return nil }
        return (verb..<(noun + 1), issuer)
    }

    /// Verbs that put out a statement.
    private static let issuing: Set<String> = ["issued", "issues", "released", "releases", "put", "puts", "sent", "sends",
                                               "posted", "posts", "published", "publishes"]

    /// «“…,” Terrie Rizzo, the party's chair in the county, said», «“…?” Trump went on»: a quotation that ends
    /// in a comma, "?" or "!" is not a sentence of its own; a name or a personal pronoun right after the mark,
    /// where no cue was found, is its speaker.
    private func nameAfter(_ q: QuotedSpan) -> Range<Int>? {
        guard let close = q.close, close + 1 < view.count, view.paragraph[close + 1] == view.paragraph[close] else { return nil }
        let last = view.lower[lastPunctuation(q)]
        var s = close + 1
        if view.lower[s] == "," { s += 1 } else if !(last == "," || last == "?" || last == "!") { return nil }
        guard s < view.count, view.paragraph[s] == view.paragraph[close] else { return nil }
        if ["he", "she", "they", "i", "we"].contains(view.lower[s]) { return s..<(s + 1) }
        var e = s
        while e < view.count, e - s < 5, view.paragraph[e] == view.paragraph[s],
              (view.isWord(e) && view.isCapitalized(e)) || (view.lower[e] == "." && e > s) { e += 1 }
        guard e > s, !CueLexicon.pronouns.contains(view.lower[s]), QuoteMarks.doubleMark(view, s) == nil,
              !["the", "then", "this", "it"].contains(view.lower[s]), !CueLexicon.determiners.contains(view.lower[s]),
              // «“…,” On Wednesday, a fresh hearing …», «“…,” But …»: a sentence opening with a conjunction, a time or a
              // place, not a name.
              !CueLexicon.clauseWords.contains(view.lower[s]), !SpeakerPhrase.weekdays.contains(view.lower[s]) else { return nil }
        // «“…,” Digital prints cost less …»: where the entity layer ran, one word alone names someone it knows.
        guard mentions.isEmpty || e - s > 1 || mentions.mention(covering: s).map(mentions.isSpeakerLike) ?? false
        else { return nil }
        return s..<e
    }

    /// Whether the word after a subject is a verb of its own (not "is", "may", "has", nor the quotation itself).
    private func acts(after subject: Range<Int>, before open: Int) -> Bool {
        var t = subject.upperBound
        while t < open, CueLexicon.adverbs.contains(view.lower[t]) && !CueLexicon.beForms.contains(view.lower[t]) { t += 1 }
        guard t < open - 0, t < view.count, view.isWord(t), !view.isCapitalized(t) else { return false }
        let w = view.lower[t]
        // «Trump is questioning whether Obama would have gone “if it were held in a mosque.”»: a progressive acts as
        // the simple form does («Trump questions …»); «is being», «is going to» do not.
        if ["is", "are", "was", "were"].contains(w), t + 1 < open, view.isWord(t + 1), view.lower[t + 1].hasSuffix("ing"),
           !["being", "going"].contains(view.lower[t + 1]) { return true }
        return !CueLexicon.beForms.contains(w) && !["may", "might", "can", "could", "will", "would", "should", "must", "has", "have", "had",
                                                   "of", "in", "on", "at", "for", "with", "to", "and", "or"].contains(w)
    }

    /// The quotation's last token before any nested closing marks: «“We are like ‘Ebony and Ivory,’” he said»
    /// ends in a comma, so it is attributed as «“…,” he said» is.
    private func lastPunctuation(_ q: QuotedSpan) -> Int {
        var t = q.lastContent
        while t > q.firstContent, ["’", "'", "›"].contains(view.lower[t]) { t -= 1 }
        return t
    }

    /// «In an interview on CBS's “Face the Nation,” Paul Ryan said …»: a short quotation in title case names a show,
    /// a book or a slogan; the attribution after it is the sentence's, not the title's.
    private func isTitle(_ q: QuotedSpan) -> Bool {
        let words = (q.firstContent...q.lastContent).filter { view.isWord($0) }
        return (1...6).contains(words.count) && view.isCapitalized(words[0])
            && words.allSatisfy { view.isCapitalized($0) || view.lower[$0].utf8.count <= 3 }
    }

    /// Whether the opening mark follows a word of its sentence (not a sentence start, ":" , "," or a dash).
    private func opensMidSentence(_ q: QuotedSpan) -> Bool {
        let o = q.open
        guard o > 0, view.paragraph[o - 1] == view.paragraph[o] else { return false }
        let s = view.sentence[o]
        if s >= 0, view.sentenceTokens[s].lowerBound == o { return false }
        let prev = view.lower[o - 1]
        if view.isTerminal(o - 1) || view.isDash(o - 1) || [",", ":", ";", "(", "["].contains(prev) { return false }
        if QuoteMarks.doubleRole(view, o - 1) != nil || view.lower[o - 1] == "'" { return false }
        return true
    }

    /// Whether a quotation without its own attribution continues the previous one: in the same paragraph
    /// right after the attribution's sentence, or opening the next paragraph.
    private func joins(_ prev: Item, _ q: QuotedSpan) -> Bool {
        let pp = view.paragraph[prev.last], qp = view.paragraph[q.open]
        if pp == qp {
            var t = prev.endToken
            while t < q.open, view.isTerminal(t) || view.lower[t] == "," || view.lower[t] == ";" { t += 1 }
            return t == q.open
        }
        guard prev.speaker != nil, qp == pp + 1, q.open == view.paragraphTokens[qp].lowerBound else { return false }
        // The previous paragraph must end with the quotation.
        var t = prev.last + 1
        let end = view.paragraphTokens[pp].upperBound
        while t < end, t < prev.endToken || view.isTerminal(t) { t += 1 }
        return t == end
    }
}
