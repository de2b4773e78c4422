/// Attributions without a source that PolNeAR and attribution studies count: an expectation or an impression nobody
/// in the sentence holds («The White House is expected to sign the measure», «Sanders seemed to be of two minds»), and
/// a question put by a questioner the sentence does not name («Asked whether she would stand again, …»). Each comes
/// with no speaker and a rule of its own (`unsourced-expectation`, `unsourced-question`), so a user who wants speech
/// only leaves them out with one filter.
///
/// ```swift
/// let reported = ReportedSpeech(view: view, phrases: phrases)
/// reported.expectation(c, sentence, masked)   // «is expected to …» at token c
/// ```
extension ReportedSpeech {
    /// «The White House is expected to sign the measure», «Sanders seemed to be of two minds»: an expectation or
    /// an impression that nobody in the sentence holds, the content being its subject and what follows to the end
    /// of the clause. PolNeAR counts these as attributions without a source (in its tuning half, 83 of the 115
    /// such frames); they come with no speaker and their own rule, so a user can leave them out. Where a verb of
    /// saying follows («Mr Hale appeared to acknowledge …») the subject speaks.
    func expectation(_ c: Int, _ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        let w = view.lower[c]
        guard c + 2 < sentence.upperBound, view.lower[c + 1] == "to", view.isWord(c + 2), !masked[c + 2] else { return nil }
        var cueStart = c
        if w == "expected" {
            var b = c - 1
            // The adverbs list holds "is" and "has" too (they stand between a subject and its cue).
            if b > sentence.lowerBound, CueLexicon.adverbs.contains(view.lower[b]) || view.lower[b].hasSuffix("ly"),
               !Self.beBeforeExpected.contains(view.lower[b]) { b -= 1 }
            guard b > sentence.lowerBound, Self.beBeforeExpected.contains(view.lower[b]) else { return nil }
            cueStart = b
        } else {
            // «with the Tories having appeared to …»: a participle or an infinitive is no finite verb of a clause.
            guard Self.impressions.contains(w), c == sentence.lowerBound || !["having", "to"].contains(view.lower[c - 1]) else { return nil }
        }
        // The subject: back from the cue over words to the clause's start; the clause to its first stop. Both
        // within 40 tokens, so a run-on sentence of thousands of tokens stays linear.
        var s = cueStart
        while s > sentence.lowerBound, cueStart - s < 40, !masked[s - 1], !Self.subjectStops.contains(view.lower[s - 1]),
              view.isWord(s - 1) || view.tokens[s - 1].kind == .clitic || view.tokens[s - 1].kind == .number || view.lower[s - 1] == "." {
            s -= 1
        }
        guard s < cueStart else { return nil }
        var e = c + 2
        while e < sentence.upperBound, e - c < 40, !masked[e], !view.isTerminal(e), ![",", ";", ":"].contains(view.lower[e]), !view.isDash(e) {
            e += 1
        }
        // «Mr Hale appeared to acknowledge …», «the emails seem to show …»: a verb of saying or showing after "to"
        // makes the subject the source.
        if Self.sayingAfterTo.contains(view.lower[c + 2]) {
            let subject = phrases.head(of: s..<cueStart) ?? s..<cueStart
            return Found(cue: cueStart..<(c + 3), speaker: subject, content: s..<e, rule: "reported-speaker-cue")
        }
        return Found(cue: cueStart..<(c + 1), speaker: nil, content: s..<e, rule: "unsourced-expectation")
    }

    /// Verbs after «seemed to», «is expected to» that say or show something («appeared to acknowledge», «seem to
    /// show»); not «add» or «state», which as often take a thing («is expected to add momentum»).
    private static let sayingAfterTo: Set<String> = ["say", "acknowledge", "admit", "concede", "confirm", "deny", "suggest",
                                                     "imply", "indicate", "signal", "show", "agree", "endorse", "reject",
                                                     "announce", "argue", "claim", "insist", "warn", "tell", "blame", "praise",
                                                     "criticize", "criticise", "dismiss", "question", "believe", "think"]
    /// «Asked whether he would run, she said …», «… when asked about the merger»: a question put to someone by a
    /// questioner the sentence does not name. The content is the question, from its wh-word or «about» to the
    /// clause's end; no speaker (PolNeAR counts most of these frames in its tuning half as attributions without a
    /// source). «X asked whether …» is X's and stays with the cue rules.
    func questionPut(_ c: Int, _ sentence: Range<Int>, _ masked: [Bool]) -> Found? {
        guard c == sentence.lowerBound || Self.beforePassiveAsked.contains(view.lower[c - 1]) else { return nil }
        var q = c + 1
        while q < sentence.upperBound, q - c <= 5, !masked[q], view.isWord(q), !Self.questionWords.contains(view.lower[q]) { q += 1 }
        guard q < sentence.upperBound, !masked[q], Self.questionWords.contains(view.lower[q]), q + 1 < sentence.upperBound,
              view.isWord(q + 1) else { return nil }
        var e = q + 1
        while e < sentence.upperBound, e - q < 40, !masked[e], !view.isTerminal(e), ![",", ";", ":"].contains(view.lower[e]),
              QuoteMarks.doubleRole(view, e) == nil, !startsAnswer(at: e, before: sentence.upperBound) { e += 1 }
        return Found(cue: c..<(c + 1), speaker: nil, content: q..<e, rule: "unsourced-question")
    }

    /// «Asked about his position Mr Johnson told the BBC …»: without a comma, the answer's subject and cue end the question.
    private func startsAnswer(at e: Int, before end: Int) -> Bool {
        guard view.isCapitalized(e) || ["he", "she", "they", "we", "i"].contains(view.lower[e]),
              let cue = ((e + 1)..<min(end, e + 5)).first(where: { CueLexicon.speech.contains(view.lower[$0]) && !view.isCapitalized($0) }),
              !phrases.isNoun(cue, from: e)   // «Asked about Sir Ian's comments, …»
        else { return false }
        return phrases.subject(before: cue, from: e)?.lowerBound == e
    }

    /// Words before a passive «asked» with no subject of its own («when asked …»). «Mr Johnson was asked why …» is left
    /// to the cue rules: the one asked is about to speak.
    private static let beforePassiveAsked: Set<String> = ["when", "after", "if", "once", "being"]
    private static let questionWords: Set<String> = ["whether", "if", "what", "who", "which", "how", "why", "where", "when", "about"]

    private static let impressions: Set<String> = ["seem", "seems", "seemed", "appear", "appears", "appeared"]
    /// A form of "be" before «expected»; not the clitic «’s», as often a possessive («the firm's expected profits»).
    private static let beBeforeExpected = CueLexicon.beForms.subtracting(["’s", "'s"])
    /// Words that open a clause, where walking back from a verb to its subject stops.
    /// «Imelda Staunton and Sophie Okonedo are expected to …»: "and" may join the subject's names, so it is no stop.
    private static let subjectStops: Set<String> = ["but", "that", "which", "who", "because", "while", "although",
                                                     "though", "if", "when", "as", "since", "so", "whether", "where"]
}
