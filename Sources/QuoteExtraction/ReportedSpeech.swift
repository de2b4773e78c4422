/// Reported speech: a cue verb with its speaker and the clause it reports, in one sentence.
///
/// - `reported-speaker-cue`: «Soleimani said (that) CLAUSE», «X told the chiefs of police to CLAUSE»
/// - `reported-participle`: «…, saying CLAUSE» (the subject of the sentence speaks)
/// - `reported-content-cue`: «CLAUSE, X said on Monday.», «CLAUSE, said X.»
/// - `reported-according-to`: «According to X, CLAUSE.», «CLAUSE, according to X.»
/// - `unsourced-expectation`, `unsourced-question`: attributions with no speaker (`UnsourcedAttribution.swift`)
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
        /// The pieces of the content when the cue stands inside it («A new manager, he said, could set a new
        /// tone.»); else the content alone.
        var parts: [Range<Int>] = []
    }

    let view: QuoteTokens
    let phrases: SpeakerPhrase
    /// Determiners of a singular noun, which a base-form verb ("show", "say") cannot follow.
    private static let singular: Set<String> = ["a", "an", "one", "this", "that", "each", "every", "another"]
    /// A lower-case word that reads as a singular noun: no plural ending, and no pronoun, auxiliary, adverb or
    /// plural without one («data», «police», «people»).
    private static func singularNoun(_ w: String) -> Bool {
        !w.hasSuffix("s") && !CueLexicon.pronouns.contains(w) && !CueLexicon.modals.contains(w) && !CueLexicon.adverbs.contains(w)
            && !CueLexicon.clauseWords.contains(w) && !CueLexicon.determiners.contains(w)
            && !["not", "n't", "data", "media", "police", "people", "children", "men", "women", "staff", "public", "polls"].contains(w)
    }

    /// Nouns after "show" in a compound («chat show host»); «records from the cycle show he backed …» is a verb.
    private static let showCompounds: Set<String> = ["host", "hosts", "presenter", "presenters", "business", "producer",
                                                     "producers", "biz", "runner", "room", "trial", "time", "home"]

    /// «the gadget show», «a puppet show featuring …», «two one-man shows», «this year's show», «BBC 4 shows»: a "show"
    /// after a number, a possessive or a lower-case singular word that shows nothing is a programme or an exhibition,
    /// unless a clause follows («the site shows that …», «the minutes of the meeting show how …»). What shows is
    /// evidence («the poll shows», «figures show»), a name, or a pronoun («it also shows»).
    private func isProgrammeModifier(_ t: Int) -> Bool {
        let w = view.lower[t]
        if view.tokens[t].kind == .number || w.hasSuffix("'s") || w.hasSuffix("’s") || CueLexicon.possessives[w] != nil { return true }
        guard view.isWord(t), !view.isCapitalized(t), !w.hasSuffix("s"), !w.hasSuffix("ly"), !CueLexicon.pronouns.contains(w),
              !CueLexicon.adverbs.contains(w), !CueLexicon.clauseWords.contains(w), !CueLexicon.modals.contains(w),
              !CueLexicon.beForms.contains(w), !["which", "who", "not", "n't", "below", "above", "here"].contains(w) else { return false }
        return !Self.evidence.contains(w)
    }

    /// Singular nouns that show what they report.
    private static let evidence: Set<String> = [
        "poll", "polling", "data", "analysis", "research", "study", "survey", "report", "video", "footage", "evidence", "record",
        "census", "audit", "review", "test", "chart", "graph", "map", "table", "index", "model", "figure", "document", "email",
        "e-mail", "letter", "memo", "transcript", "filing", "tape", "recording", "photo", "picture", "image", "trend", "breakdown",
        "estimate", "forecast", "projection", "count", "tally", "average", "return", "history", "experience", "sample",
        "snapshot", "timeline", "episode", "cycle", "search", "incident", "outcome", "website", "result", "finding", "tracker",
    ]

    /// Prepositions and particles outside `CueLexicon.prepositions` after which a cue word is a noun.
    private static let nounOpeners: Set<String> = ["amid", "amidst", "despite", "off", "following", "regarding", "concerning"]

    /// Words before "show" that make it a programme or an exhibition.
    private static let showKinds: Set<String> = ["tv", "television", "radio", "chat", "talent", "game", "quiz", "reality",
                                                 "talk", "road", "fashion", "motor", "trade", "air", "breakfast", "comedy",
                                                 "cookery", "awards", "stage", "variety", "cable", "hit"]

    /// Determiners that take an adjective before their noun; «both», «one» and «some» stand alone as subjects
    /// («one suggested she marry …»).
    private static let articles: Set<String> = ["the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those",
                                                "my", "your"]

    /// Words that open a subordinate clause before its subject ("as" is left out: «As Clyburn noted, …» reports).
    private static let subordinators: Set<String> = ["after", "before", "when", "once", "until", "since", "while",
                                                     "because", "if", "although", "though", "whenever", "unless"]

    /// All reported statements of one sentence; `masked` tokens (direct quotes and their cues) are not read.
    func find(in sentence: Range<Int>, masked: [Bool]) -> [Found] {
        var found: [Found] = []
        if let headline = headline(sentence, masked) { found.append(headline) }
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
            if !view.isCapitalized(c), let f = phrasalCue(c, sentence, masked) {
                found.append(f)
                continue
            }
            if !view.isCapitalized(c), let f = expectation(c, sentence, masked) {
                found.append(f)
                continue
            }
            if w == "asked", let f = questionPut(c, sentence, masked) {
                found.append(f)
                continue
            }
            guard CueLexicon.reporting.contains(w), !view.isCapitalized(c) else { continue }
            // «The show's producers defended …»: a word owning what follows is a noun. «The proposed law had a troubled
            // passage», «the reported feud»: a participle between a determiner and its noun is an adjective.
            if c + 1 < sentence.upperBound, view.lower[c + 1] == "’s" || view.lower[c + 1] == "'s" { continue }
            if c > sentence.lowerBound, w.hasSuffix("ed"), Self.articles.contains(view.lower[c - 1]),
               c + 1 < sentence.upperBound, view.isWord(c + 1), !CueLexicon.clauseWords.contains(view.lower[c + 1]) { continue }
            // «Having said that, I am …»: a linking phrase, not a report.
            if w == "said", c > sentence.lowerBound, view.lower[c - 1] == "having", c + 2 < sentence.upperBound,
               view.lower[c + 1] == "that", view.lower[c + 2] == "," { continue }
            // «Wasp tells the story of a young mum …»: a film or a book telling a story reports nothing («she told the
            // story of her escape» does).
            if w == "tells" || w == "tell", c + 2 < sentence.upperBound, ["the", "a", "their", "his", "her", "its"].contains(view.lower[c + 1]),
               ["story", "tale", "stories", "tales"].contains(view.lower[c + 2]) { continue }
            if let f = cue(c, sentence, masked) { found.append(f) }
        }
        // «The impact is not expected to be heavy, analysts said.»: the analysts hold the expectation; their report,
        // found next, holds its clause.
        return found.indices.compactMap { i in
            let f = found[i]
            guard f.rule == "unsourced-expectation", i + 1 < found.count else { return f }
            let next = found[i + 1].content
            return next.lowerBound <= f.content.lowerBound && f.content.upperBound <= next.upperBound ? nil : f
        }
    }

    /// «Trump called for a ban on …», «Sanders called on the governor to resign», «Mr Thiel declined to comment»:
    /// speech acts whose content is a noun phrase or an infinitive, with the subject as their speaker.
    private func phrasalCue(_ c: Int, _ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        let w = view.lower[c]
        guard c + 2 < sentence.upperBound, Self.callOrDecline.contains(w) else { return nil }
        let next = view.lower[c + 1]
        // «He called on Friday»: a time is no addressee.
        let calls = w.hasPrefix("call") && (next == "for" || next == "on") && !Self.timeWords.contains(view.lower[c + 2])
        let declines = !w.hasPrefix("call") && next == "to" && Self.speechAfterDeclining.contains(view.lower[c + 2])
        guard calls || declines else { return nil }
        let start = sentence.lowerBound
        guard let speaker = phrases.subject(before: c, from: start) ?? phrases.speakingSubject(from: start, before: c),
              !["who", "which", "that"].contains(view.lower[speaker.lowerBound]) else { return nil }
        var end = sentence.upperBound
        while end > c + 1, view.isTerminal(end - 1) { end -= 1 }
        let from = calls ? c + 2 : c + 1
        let content = trim(from..<contentEnd(from: from, before: end, masked))
        guard content.count >= 2, !content.contains(where: { masked[$0] }) else { return nil }
        return Found(cue: c..<(calls ? c + 2 : c + 1), speaker: speaker, content: content, rule: "reported-speaker-cue")
    }

    private static let callOrDecline: Set<String> = ["call", "calls", "called", "calling", "declined", "declines", "decline",
                                                     "declining", "refused", "refuses", "refuse", "refusing"]

    /// Verbs of speech after «declined to», «refused to».
    private static let speechAfterDeclining: Set<String> = ["comment", "speak", "say", "discuss", "answer", "respond", "confirm",
                                                            "elaborate", "rule", "reveal", "disclose", "name", "specify", "deny"]

    /// «“We want Michael to …,” Mr Fox said, adding that …»: the subject of the finite cue before a participle,
    /// after the last closing mark (a quotation's words are no subject). The cue may be one that reports no clause
    /// of its own («…,” Mr Fox continued, adding that …»).
    private func finiteCueSubject(from start: Int, before end: Int) -> Range<Int>? {
        // Within 40 tokens of the participle: a run-on sentence of thousands of tokens stays linear.
        let start = max(start, end - 40)
        let from = ((start..<end).last { QuoteMarks.doubleMark(view, $0)?.role == .close }).map { $0 + 1 } ?? start
        guard from < end, let d = (from..<end).last(where: { (CueLexicon.reporting.contains(view.lower[$0])
                    || CueLexicon.speech.contains(view.lower[$0]) && from > start && $0 - from <= 5) && !view.isCapitalized($0)
                && !CueLexicon.participles.contains(view.lower[$0]) && !phrases.isNoun($0, from: from) }),
              let speaker = phrases.subject(before: d, from: from) ?? phrases.phrase(startingAt: d + 1, before: end),
              !["who", "which", "that"].contains(view.lower[speaker.lowerBound]) else { return nil }
        return speaker
    }

    private func cue(_ c: Int, _ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        let start = sentence.lowerBound
        var end = sentence.upperBound
        while end > c + 1, view.isTerminal(end - 1) { end -= 1 }
        let rest = (c + 1)..<end
        // «Work is expected to begin …»: a passive before "to" reports nobody's words.
        if c > start, CueLexicon.beForms.contains(view.lower[c - 1]), c + 1 < end, view.lower[c + 1] == "to" { return nil }
        let hasThat = rest.prefix(7).contains { view.lower[$0] == "that" }
        if let found = parenthetical(c, start, end, masked) { return found }
        // «CLAUSE, said X (, a long appositive).»: the speaker ends the sentence, or an appositive or an
        // adverbial follows it; «…, said he fully supports it» is no such frame.
        // «The Lord Chancellor, Lord Falconer, agreed the act …»: names alone before the comma are the subject and
        // its apposition, not a clause.
        if !hasThat, c - start >= 4, view.lower[c - 1] == ",", !namesOnly(trim(start..<(c - 1))),
           let speaker = phrases.phrase(startingAt: c + 1, before: end), namesOnly(speaker), endsFrame(at: speaker.upperBound, end) {
            let content = trim(start..<(c - 1))
            guard content.count >= 3, !content.contains(where: { masked[$0] }) else { return nil }
            return Found(cue: c..<(c + 1), speaker: speaker, content: content, rule: "reported-content-cue")
        }
        // «CLAUSE, X said (on Monday).»: the cue stands near the end of its sentence.
        if rest.count <= 6, !hasThat, c - start >= 4, endsFrame(at: c + 1, end) {
            var m = c - 1
            while m > start, c - m <= 30, view.lower[m] != "," { m -= 1 }
            if view.lower[m] == ",", let speaker = phrases.head(of: (m + 1)..<c) ?? phrases.phrase(endingAt: c - 1, from: m + 1),
               !(CueLexicon.baseForms.contains(view.lower[c]) && Self.singular.contains(view.lower[speaker.lowerBound])) {
                // «…, appeared on a morning show on Tuesday.»: after a singular subject a base form is a noun.
                let content = trim(start..<m)
                guard content.count >= 3, !content.contains(where: { masked[$0] }) else { return nil }
                return Found(cue: c..<(c + 1), speaker: speaker, content: content, rule: "reported-content-cue")
            }
        }
        // «X said (that) CLAUSE».
        var speaker: Range<Int>?
        var rule = "reported-speaker-cue"
        if CueLexicon.participles.contains(view.lower[c]), c - 1 > start, view.lower[c - 1] == "," {
            speaker = finiteCueSubject(from: start, before: c - 1) ?? phrases.speakingSubject(from: start, before: c)
            rule = "reported-participle"
        } else {
            speaker = phrases.subject(before: c, from: start)
            if speaker == nil, let subject = phrases.sentenceSubject(from: start, before: c), c - subject.upperBound <= 4,
               !(subject.upperBound..<c).contains(where: { !view.isWord($0) }) {
                // «The former first lady and senator said …»: the sentence's subject, a few words before the cue.
                speaker = subject
            }
            // «… and has said …», «… but has since argued …»: auxiliaries and adverbs between.
            var a = c - 1
            while a > start, c - a <= 3, CueLexicon.adverbs.contains(view.lower[a]) { a -= 1 }
            if speaker == nil, a > start, view.lower[a] == "and" || view.lower[a] == "but" {
                // «Reid caucused in Nevada on Saturday and says he voted …», «… but argues that …»: the subject of
                // the first verb.
                speaker = phrases.speakingSubject(from: start, before: c).flatMap {
                    view.isCapitalized($0.lowerBound) || CueLexicon.pronouns.contains(view.lower[$0.lowerBound]) ? $0 : nil }
            }
        }
        // «The show airs on Tuesday», «An estimated 50,000 people …», «The claim is made …»: the cue word after a lone
        // article is a noun or an adjective; an article speaks for nobody (a possessive does: «Their warning that …»).
        guard let speaker, speaker.count > 1 || !["the", "a", "an", "this", "these", "those"].contains(view.lower[speaker.lowerBound])
        else { return nil }
        // «After the interview concluded, Maher stated that …»: a cue ending a subordinate clause reports nothing;
        // the main clause after its comma has a cue of its own.
        if c + 1 < end, view.lower[c + 1] == ",", speaker.lowerBound > start,
           Self.subordinators.contains(view.lower[speaker.lowerBound - 1]) { return nil }
        var k = c + 1
        var sawThat = false
        // «said in a statement on Monday that …»: "that" after an adverbial of words only; «said it was difficult to
        // say how quickly that would happen» and «said the survey showed that …» have a clause before their "that".
        if let that = rest.prefix(12).first(where: { view.lower[$0] == "that" }),
           !(k..<that).contains(where: { (!view.isWord($0) && view.tokens[$0].kind != .number) || SpeakerPhrase.isVerbWord(view.lower[$0])
                                         || ["it", "he", "she", "they", "we", "i"].contains(view.lower[$0])
                                         || CueLexicon.reporting.contains(view.lower[$0]) }) {
            k = that + 1
            sawThat = true
        } else if let after = timeAdverbial(after: c, before: end) {
            // «said on Friday he met …»: a time adverbial between the cue and its clause.
            k = after
        }
        // «Siemens showed off a system that …»: showing off reports nothing.
        if view.lower[c].hasPrefix("show"), c + 1 < end, ["off", "up", "around"].contains(view.lower[c + 1]) { return nil }
        // Words that are nouns more often than verbs in news ("swing state", "a note", "the report")
        // count as a cue only with "that" right after them.
        if CueLexicon.nounLike.contains(view.lower[c]), !(c + 1 < end && view.lower[c + 1] == "that") { return nil }
        // «the real star of the show is …», «the expected 2005 election»: right after an article a cue word is a noun
        // or an adjective. A nominal attribution goes on with its clause («the claim that …», «the claim he had
        // reneged», «a pledge not to …», «the claims made by …»).
        if c > start, ["the", "a", "an"].contains(view.lower[c - 1]),
           !(c + 1 < end && (["that", "to", "not", "made"].contains(view.lower[c + 1]) || CueLexicon.pronouns.contains(view.lower[c + 1]))) {
            return nil
        }
        // «His claims were denied by …»: after a possessive, a cue word is a noun, here the subject of another
        // verb; «his claim that …», «his pledge not to …» are nominal attributions, which readers count.
        if c > start, c + 1 < end, CueLexicon.possessives[view.lower[c - 1]] != nil, view.lower[c - 1] != "her",
           CueLexicon.beForms.contains(view.lower[c + 1]) || CueLexicon.modals.contains(view.lower[c + 1]) { return nil }
        // «a host on the TV show “Shark Tank”»: a base form after a determiner and a capitalized modifier is a
        // noun (a base form agrees with no singular subject). Nominal attributions («a false claim») stay: PolNeAR
        // and readers count them. A plural name before it is its subject («Most Republicans say», «the Khans say»),
        // except for "show" («the Oscars show is …»).
        if CueLexicon.baseForms.contains(view.lower[c]), c - 2 >= start, view.isCapitalized(c - 1),
           CueLexicon.determiners.contains(view.lower[c - 2]), !SpeakerResolver.isPlural(view.lower[c - 1]) || view.lower[c] == "show" {
            return nil
        }
        // «technologies on show», «Ex-BBC chat show host»: a base form after a preposition is a noun, and so is "show"
        // between a singular noun and the end of the phrase or a compound's noun («the data show» stays a verb).
        if CueLexicon.baseForms.contains(view.lower[c]), c - 1 >= start, view.lower[c - 1] != "to",
           CueLexicon.prepositions.contains(view.lower[c - 1]) { return nil }
        // «The move comes amid claims the poll …», «shrugged off claims from …»: any other cue form after a
        // preposition is a noun too, and the sentence's subject is not its source.
        if c - 1 >= start, !view.lower[c].hasSuffix("ing"), view.lower[c - 1] != "since",   // «have since indicated»
           CueLexicon.prepositions.contains(view.lower[c - 1]) || Self.nounOpeners.contains(view.lower[c - 1]) { return nil }
        if view.lower[c] == "show", c - 1 >= start, view.isWord(c - 1), !view.isCapitalized(c - 1), Self.singularNoun(view.lower[c - 1]),
           c + 1 >= end || !view.isWord(c + 1) || Self.showCompounds.contains(view.lower[c + 1]) {
            return nil
        }
        // «TV show Brass Eye», «on TV shows Pop Idol and The X-Factor», «talent show The X Factor»: a kind of show; «the
        // gadget show» a programme too, unless a clause follows.
        if view.lower[c] == "show" || view.lower[c] == "shows", c - 1 >= start, Self.showKinds.contains(view.lower[c - 1])
            || isProgrammeModifier(c - 1) && !(c + 1 < end && ["that", "how", "what", "why", "whether"].contains(view.lower[c + 1])) {
            return nil
        }
        // Without "that", a clause does not start with a preposition: "was hit by …", "said in Iowa".
        if !sawThat, k < end, CueLexicon.prepositions.contains(view.lower[k]) { return nil }
        if CueLexicon.addressed.contains(view.lower[c]), !sawThat, let clause = afterAddressee(k, end) { k = clause }
        let content = trim(k..<contentEnd(from: k, before: end, masked))
        guard content.count >= 3, content.contains(where: { view.isWord($0) }) else { return nil }
        return Found(cue: c..<(c + 1), speaker: speaker, content: content, rule: rule)
    }

    /// Where a reported clause starting at `k` ends: the sentence's end, a ";", or a second report («…, adding
    /// that …», «… but argues that …», «…, Lewandowski said …»).
    private func contentEnd(from k: Int, before end: Int, _ masked: [Bool]) -> Int {
        var e = k
        while e < end {
            if masked[e] { break }
            let v = view.lower[e]
            if v == ";" { break }
            if v == ",", e + 1 < end, CueLexicon.participles.contains(view.lower[e + 1]) { break }
            if v == ",", e + 2 < end, QuoteMarks.doubleRole(view, e + 1) == .close,
               CueLexicon.participles.contains(view.lower[e + 2]) { e += 2; break }
            // «she respects his “passion” but argues that …»: a coordinated cue with a clause of its own.
            if v == "but" || v == "and", e + 2 < end, e > k + 2, CueLexicon.reporting.contains(view.lower[e + 1]),
               !view.isCapitalized(e + 1), ["that", "he", "she", "they", "it", "the"].contains(view.lower[e + 2]) { break }
            // «Labour is acting too late while the Lib Dems say …», «… and Labour says the sums …»: a report of another
            // subject, joined without a comma.
            if Self.joiners.contains(v), e > k + 2, e + 2 < end, view.isCapitalized(e + 1)
                || (view.lower[e + 1] == "the" && view.isCapitalized(e + 2)),
               let cue = ((e + 2)..<min(end, e + 6)).first(where: { CueLexicon.reporting.contains(view.lower[$0]) && !view.isCapitalized($0) }),
               !CueLexicon.beForms.contains(view.lower[cue - 1]),   // «England and Wales have been announced»: a passive
               let subject = phrases.subject(before: cue, from: e + 1), subject.lowerBound <= e + 2 { break }
            // «While Comey has said that he …, Lewandowski said he …», «…, but she denied that …»: a subject and a
            // cue after a comma.
            if v == ",", e > k + 2, e + 2 < end {
                let s = view.lower[e + 1] == "but" || view.lower[e + 1] == "and" ? e + 2 : e + 1
                if s < end, view.isCapitalized(s) || ["he", "she", "they", "we", "i"].contains(view.lower[s]),
                   let cue = ((s + 1)..<min(end, s + 5)).first(where: { CueLexicon.reporting.contains(view.lower[$0]) && !view.isCapitalized($0) }),
                   phrases.subject(before: cue, from: s)?.lowerBound == s { break }
                // «she was “impressed” with them, but lamented that …»: a verb of its own with "that".
                if view.lower[e + 1] == "but", e + 3 < end, view.isWord(e + 2), !view.isCapitalized(e + 2),
                   view.lower[e + 3] == "that" { break }
            }
            e += 1
        }
        return e
    }

    /// Words joining a second subject's report to the first one's content without a comma.
    private static let joiners: Set<String> = ["while", "whereas", "and", "but"]

    /// Whether a phrase after an inverted cue reads as a speaker, not a clause: no lower-case word after a
    /// capitalized one («said Trump will exceed expectations» is a report, «said chief executive Tom Hale» a name).
    private func namesOnly(_ r: Range<Int>) -> Bool {
        guard let firstCapital = r.first(where: { view.isCapitalized($0) }) else { return true }
        return !((firstCapital + 1)..<r.upperBound).contains {
            view.isWord($0) && !view.isCapitalized($0) && !["of", "de", "al", "bin", "van", "von", "der", "la", "du", "del", "da"].contains(view.lower[$0])
        }
    }

    /// Whether an inverted attribution frame ends at `t`: the sentence ends, or a comma (an appositive) or a
    /// short adverbial («on Monday», «in a statement») follows.
    private func endsFrame(at t: Int, _ end: Int) -> Bool {
        t >= end || view.lower[t] == "," || (end - t <= 5 && DirectAttribution.afterCue.contains(view.lower[t]))
    }

    /// «told POLITICO she was leaning toward Cruz»: the clause after the addressee of "told", "warned", "urged".
    private func afterAddressee(_ k: Int, _ end: Int) -> Int? {
        var t = k
        if t < end, ["him", "her", "them", "me", "us", "reporters", "journalists"].contains(view.lower[t]) {
            t += 1
        } else {
            if t < end, view.lower[t] == "the" { t += 1 }
            while t < end, t - k < 4, view.isWord(t), view.isCapitalized(t) { t += 1 }
        }
        // «told reporters the bill was …»: after a listener named by a common word, any subject starts the clause.
        let listener = t == k + 1 && ["him", "her", "them", "me", "us", "reporters", "journalists"].contains(view.lower[k])
        guard t > k, view.isCapitalized(t - 1) || t == k + 1, t < end, ["he", "she", "they", "it", "we", "i"].contains(view.lower[t])
                || listener && (view.lower[t] == "the" || view.isCapitalized(t)) else { return nil }
        return t
    }

    /// «Marco Rubio: I’m Not Interested In Being Vice President», «CNN’s Jake Tapper on the Leak: ‘Unethical’»: a
    /// headline (the document's first paragraph) naming a person or a body, a colon, and what they said.
    private func headline(_ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        let start = sentence.lowerBound
        guard view.paragraph[start] == 0, view.paragraphTokens[0].lowerBound == start,
              let colon = sentence.prefix(14).first(where: { view.lower[$0] == ":" }), colon > start,
              (start..<colon).allSatisfy({ view.isCapitalized($0) || !view.isWord($0)
                  || ["on", "at", "to", "of", "for", "in", "about", "jr", "’s", "'s"].contains(view.lower[$0]) }),
              let speaker = phrases.phrase(startingAt: start, before: colon), view.isCapitalized(speaker.lowerBound)
        else { return nil }
        let named = phrases.mentions.isEmpty
            ? speaker.filter({ view.isCapitalized($0) }).count >= 2
            : speaker.contains { phrases.mentions.mention(covering: $0).map { [.person, .org].contains(phrases.mentions.mentions[$0].label) } ?? false }
        var end = sentence.upperBound
        while end > colon + 1, view.isTerminal(end - 1) { end -= 1 }
        let content = trim((colon + 1)..<end)
        guard named, content.count >= 2, !content.contains(where: { masked[$0] }) else { return nil }
        return Found(cue: colon..<(colon + 1), speaker: speaker, content: content, rule: "headline-colon")
    }

    /// «A new campaign manager, he said, could set a new tone.», «In other words, he said, “…”»: the cue and
    /// its speaker set off by commas inside the report, which is the two pieces around them.
    private func parenthetical(_ c: Int, _ start: Int, _ end: Int, _ masked: [Bool]) -> Found? {
        guard c + 2 < end, view.lower[c + 1] == ",", c - start >= 3 else { return nil }
        var m = c - 1
        while m > start, c - m <= 12, view.lower[m] != "," { m -= 1 }
        guard m > start, view.lower[m] == ",",
              let speaker = phrases.head(of: (m + 1)..<c) ?? phrases.phrase(endingAt: c - 1, from: m + 1),
              speaker.upperBound == c || (speaker.upperBound..<c).allSatisfy({ CueLexicon.adverbs.contains(view.lower[$0]) }),
              // «…, after the interview concluded, …»: a subordinate clause, not a speaker set off by commas.
              !((m + 1)..<speaker.lowerBound).contains(where: { Self.subordinators.contains(view.lower[$0]) })
        else { return nil }
        let first = trim(start..<m)
        let second = trim((c + 2)..<contentEnd(from: c + 2, before: end, masked))
        guard !first.isEmpty, second.count >= 3, !first.contains(where: { masked[$0] }) else { return nil }
        return Found(cue: c..<(c + 1), speaker: speaker, content: first.lowerBound..<second.upperBound,
                     rule: "reported-parenthetical", parts: [first, second])
    }

    /// The token after a time adverbial right after a cue («on Friday», «Tuesday», «last week», «earlier this
    /// month»), when a clause follows it (a pronoun, a determiner or a capitalized word); nil otherwise.
    private func timeAdverbial(after c: Int, before end: Int) -> Int? {
        var t = c + 1
        if t < end, ["on", "last", "this", "earlier", "late", "early"].contains(view.lower[t]) { t += 1 }
        if t < end, ["this", "last"].contains(view.lower[t]) { t += 1 }
        guard t < end, ReportedSpeech.timeWords.contains(view.lower[t]) else { return nil }
        t += 1
        if t < end, ["night", "morning", "afternoon", "evening"].contains(view.lower[t]) { t += 1 }
        guard t < end, t > c + 1, view.isWord(t),
              CueLexicon.pronouns.contains(view.lower[t]) || CueLexicon.determiners.contains(view.lower[t]) || view.isCapitalized(t)
        else { return nil }
        return t
    }

    private static let timeWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "month", "year",
        "weekend", "night", "morning", "afternoon", "evening", "today", "yesterday", "tonight",
    ]

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
        // «… was “a disaster” and added: “…”»: a conjunction before the next cue is no part of the clause.
        while b > a, junk(b - 1) || b - 1 > a && ["and", "but"].contains(view.lower[b - 1]) { b -= 1 }
        if let d = view.datelineEnd(from: a, before: b) { a = d }
        return a..<b
    }
}
