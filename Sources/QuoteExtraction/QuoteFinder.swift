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
        var keepUnattributed = false
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
        for q in QuoteMarks.pair(view) {
            let words = (q.firstContent...q.lastContent).reduce(0) { $0 + (view.isWord($1) ? 1 : 0) }
            let endsInPunct = [",", "?", "!", "—", "–", "…", "..."].contains(view.lower[q.lastContent])
                || (q.close.map { $0 + 1 < view.count && view.lower[$0 + 1] == "," } ?? false)
            let endsSentence = view.isTerminal(q.lastContent)
            let long = words >= settings.minWords

            if opensMidSentence(q) {
                // «he “grabbed ahold of it,” said Drew»: a quoted fragment inside the speaker's own sentence
                // is a mixed quote; unattributed, it is a scare quote or a title unless reported speech holds it.
                if endsInPunct, let found = direct.after(q), found.speaker != nil {
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

            var a: Attribution?
            if endsInPunct {
                a = direct.after(q) ?? direct.before(q)
            } else {
                a = direct.before(q)
                if a == nil, let prev = items.last, prev.kind == .direct, joins(prev, q) {
                    a = nil   // joined below
                } else if a == nil, endsSentence || long {
                    a = direct.after(q, bare: true)
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
                    let span = view.span(f.content.lowerBound, f.content.upperBound - 1)
                    items.append(Item(fragments: [span], first: f.content.lowerBound, last: f.content.upperBound - 1,
                                      kind: inside.isEmpty ? .indirect : .mixed, cue: f.cue, speaker: f.speaker,
                                      rule: f.rule, endToken: f.content.upperBound))
                }
            }
        }

        let opensInSentence = Set(inSentence)
        let pendingIndices = unattributed.indices.filter { !claimed[$0] }
        let pending = pendingIndices.map { unattributed[$0] }
        let pendingInSentence = pendingIndices.map { opensInSentence.contains($0) }

        // Quotations nobody claimed: real quotes when long and sentence-like, else scare quotes or titles.
        if settings.keepUnattributed {
            for (k, q) in pending.enumerated() where !pendingInSentence[k] {
                let words = (q.firstContent...q.lastContent).reduce(0) { $0 + (view.isWord($1) ? 1 : 0) }
                let startsSentence = q.open == 0 || view.paragraph[q.open - 1] != view.paragraph[q.open]
                    || view.isTerminal(q.open - 1) || [":", ","].contains(view.lower[q.open - 1])
                guard words >= settings.minWords, startsSentence || view.isTerminal(q.lastContent) else { continue }
                // The nearest earlier speaker in this or the previous paragraph.
                let near = items.last { $0.kind == .direct && $0.last < q.open && $0.speaker != nil
                    && view.paragraph[q.open] - view.paragraph[$0.last] <= 1 }
                items.append(Item(fragments: q.fragments, first: q.open, last: q.lastToken, kind: .direct, cue: nil,
                                  speaker: near?.speaker, rule: near == nil ? "no-attribution" : "nearby-previous-speaker",
                                  endToken: q.lastToken + 1))
            }
        }

        items.sort { $0.first < $1.first }
        var resolver = SpeakerResolver(view: view, mentions: mentions)
        var quotes: [Quote] = []
        for item in items where settings.kinds.contains(item.kind) {
            var quote = Quote(span: Span(start: item.fragments[0].start, end: item.fragments[item.fragments.count - 1].end),
                              fragments: item.fragments, kind: item.kind,
                              cue: item.cue.map { view.span($0.lowerBound, $0.upperBound - 1) },
                              speaker: item.speaker.map { view.span($0.lowerBound, $0.upperBound - 1) },
                              rule: item.rule, step: step)
            if settings.resolveSpeakers, let s = item.speaker, let r = resolver.resolve(s, at: item.first) {
                quote.speakerEntityID = r.entityID
                quote.speakerName = r.name
                if let via = r.via { quote.rule += "+\(via)" }
                if item.kind == .direct || r.via == nil { resolver.remember(r, at: item.first) }
            }
            quotes.append(quote)
        }
        return quotes
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
