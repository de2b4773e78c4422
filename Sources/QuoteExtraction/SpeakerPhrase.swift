/// Finds the speaker phrase around a cue verb, token by token: the subject before it ("the general
/// said"), the phrase after it ("said Paul Smith"), an appositive skipped ("X, a doctor, said"), the
/// subject of the sentence for a participle ("…, saying"). Ranges are token index ranges.
///
/// ```swift
/// let phrases = SpeakerPhrase(view: view, mentions: mentions)
/// let speaker = phrases.subject(before: cue, from: sentenceStart)   // "Khamenei" in "Khamenei, the leader, told …"
/// ```
struct SpeakerPhrase {
    let view: QuoteTokens
    /// Entity mention starting / covering each token, when an entity step ran.
    let mentions: MentionIndex

    private static let nameLinks: Set<String> = ["of", "de", "al", "bin", "van", "von", "der", "la", "du", "del", "da", "ibn", "&"]
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "today", "yesterday", "tonight"]
    /// Capitalized words that start sentences and are no names.
    private static let notNames: Set<String> = ["but", "and", "the", "in", "on", "at", "as", "when", "while", "after",
                                                "before", "if", "so", "yet", "still", "also", "then", "now", "this",
                                                "that", "there", "here", "for", "with", "without", "by", "from",
                                                "meanwhile", "however", "instead", "earlier", "later", "last",
                                                "since", "during", "asked", "speaking", "according", "although",
                                                "though", "because", "to", "of", "it", "its", "what", "how", "why", "where",
                                                "despite", "having", "being"]

    /// Auxiliaries, modals and forms of "be" (not the clitic "’s", which is as often a possessive): no speaker
    /// phrase holds one.
    static func isVerbWord(_ w: String) -> Bool {
        (CueLexicon.beForms.contains(w) && w != "’s" && w != "'s") || CueLexicon.modals.contains(w)
    }

    /// Whether a cue word stands as a noun: a noun-like form without "that" after it («a note of doubt»), or a
    /// base form after a determiner and its modifiers («a Trump-style retort»).
    func isNoun(_ i: Int, from lowerBound: Int) -> Bool {
        let w = view.lower[i]
        if CueLexicon.nounLike.contains(w), i + 1 < view.count, view.lower[i + 1] != "that" { return true }
        // «“…,” his claims were …»: a possessive determines a noun, never a verb.
        if i > lowerBound, CueLexicon.possessives[view.lower[i - 1]] != nil, view.lower[i - 1] != "her" { return true }
        // «a BBC statement read»: "read" is its own past.
        guard CueLexicon.baseForms.contains(w), w != "read" else { return false }
        var k = i - 1
        while k >= lowerBound, i - k <= 4 {
            if CueLexicon.determiners.contains(view.lower[k]) { return true }
            // «the polls show»: a plural before a base form is its subject.
            let v = view.lower[k]
            guard view.isWord(k) || v == "-", !CueLexicon.clauseWords.contains(v), !CueLexicon.pronouns.contains(v),
                  !(v.utf8.count > 3 && v.hasSuffix("s")) else { return false }
            k -= 1
        }
        return false
    }

    /// The subject of a finite cue: walks back over adverbs and auxiliaries, then an appositive in commas
    /// or a parenthesis, to a pronoun, a name or a description.
    func subject(before cue: Int, from lowerBound: Int) -> Range<Int>? {
        var j = cue - 1
        while j >= lowerBound, CueLexicon.adverbs.contains(view.lower[j]) { j -= 1 }
        if j - 1 >= lowerBound, SpeakerPhrase.weekdays.contains(view.lower[j]) {
            j -= view.lower[j - 1] == "on" ? 2 : 1
        }
        guard j >= lowerBound else { return nil }
        let w = view.lower[j]
        if w == "," || w == ")" {
            let opener = w == "," ? "," : "("
            var k = j - 1
            while k > lowerBound, j - k < 30, view.lower[k] != opener, QuoteMarks.doubleRole(view, k) == nil { k -= 1 }
            guard k > lowerBound, view.lower[k] == opener else { return nil }
            if opener == "(" {
                return subject(before: k, from: lowerBound) ?? phrase(endingAt: k - 1, from: lowerBound)
            }
            // «Nick Davies, spokesman for the IAAF, which handed out the bans, said»: a relative clause belongs to
            // the appositive before it; the person before that appositive speaks.
            if k + 1 < j, ["which", "who", "whose"].contains(view.lower[k + 1]), personName(in: (k + 1)..<j) == nil {
                var k2 = k - 1
                while k2 > lowerBound, k - k2 < 30, view.lower[k2] != ",", QuoteMarks.doubleRole(view, k2) == nil { k2 -= 1 }
                if k2 > lowerBound, view.lower[k2] == ",", personName(in: (k2 + 1)..<k) == nil,
                   let person = phrase(endingAt: k2 - 1, from: lowerBound), personName(in: person) != nil {
                    return person
                }
            }
            var last = k - 1
            // «Stephen Douglas, 26, from Wales, said»: an age in commas after the name.
            if last - 2 >= lowerBound, view.tokens[last].kind == .number, view.lower[last - 1] == "," { last -= 2 }
            if last > lowerBound, view.lower[last] == ")",
               let open = (max(lowerBound, last - 8)..<last).last(where: { view.lower[$0] == "(" }) {
                last = open - 1   // «Rep. Bobby Scott (D-Va.), ranking member …, said»
            }
            let before = phrase(endingAt: last, from: lowerBound)
            // «Sanders, who has not endorsed Clinton, said»: a relative clause is no apposition; the name it follows speaks.
            if k + 1 < j, ["who", "whose"].contains(view.lower[k + 1]), before != nil { return before }
            return apposition(before, (k + 1)..<j) ?? before
        }
        // «He put on a Texan drawl and joked»: the word before "and" must read as a verb, or a noun's modifier is taken
        // for the subject.
        if w == "and", j == cue - 1, j - 2 >= lowerBound, view.isWord(j - 1), !view.isCapitalized(j - 1),
           view.lower[j - 1].hasSuffix("ed") || SpeakerPhrase.irregularPasts.contains(view.lower[j - 1]),
           let p = phrase(endingAt: j - 2, from: lowerBound), p.count <= 4,
           view.isCapitalized(p.lowerBound) || CueLexicon.pronouns.contains(view.lower[p.lowerBound]) {
            return p   // «he laughed and said», not «the government's first preference and promised»
        }
        guard let p = phrase(endingAt: j, from: lowerBound) else { return nil }
        // «A statement from Chelsea explaining the decision read:»: the object of a participle does not speak; the
        // phrase before the participle does.
        if p.lowerBound - 2 >= lowerBound, CueLexicon.participles.contains(view.lower[p.lowerBound - 1]),
           CueLexicon.determiners.contains(view.lower[p.lowerBound]), let before = phrase(endingAt: p.lowerBound - 2, from: lowerBound) {
            return before
        }
        return personBefore(p, from: lowerBound) ?? p
    }

    /// The person a subject phrase `p` belongs to when `p` names the body they come from or a role of theirs, their
    /// name standing before it: «Tom Price, Leeds Traders Association said», «Mr Hirsch from Retail Banking Research
    /// said», and appositives whose closing comma is missing («Jane Doe, a close friend of Tom Smith said», «Ann
    /// Simpson, marketing manager at Snappy Snaps believes»). Nil when `p` is the speaker itself.
    private func personBefore(_ p: Range<Int>, from lowerBound: Int) -> Range<Int>? {
        // «Tom Price, Leeds Traders Association said»: the person before the body they speak for.
        if p.lowerBound - 2 >= lowerBound, view.lower[p.lowerBound - 1] == ",", isOrganisation(p),
           let person = phrase(endingAt: p.lowerBound - 2, from: lowerBound), personName(in: person) != nil {
            return person
        }
        // «Mr Hirsch from Retail Banking Research said», «Laura Brownlees of Save the Children said»: the person
        // named before the body they come from.
        if personName(in: p) == nil {
            var k = p.lowerBound - 1
            while k > lowerBound, p.lowerBound - k <= 4, view.isCapitalized(k) || view.lower[k] == "the" { k -= 1 }
            if k - 1 >= lowerBound, ["of", "at", "from"].contains(view.lower[k]),
               let person = mentions.person(at: k - 1) {
                let pr = mentions.tokenRange(person)
                return max(pr.lowerBound, lowerBound)..<pr.upperBound
            }
        }
        // «Jane Doe, a close friend of Tom Smith said»: the same, where the appositive is read as one description.
        if p.lowerBound - 2 >= lowerBound, view.lower[p.lowerBound - 1] == ",", CueLexicon.determiners.contains(view.lower[p.lowerBound]),
           p.contains(where: { ["of", "for", "at", "from"].contains(view.lower[$0]) }),
           let person = phrase(endingAt: p.lowerBound - 2, from: lowerBound), personName(in: person) != nil {
            return person
        }
        // «Ann Simpson, marketing manager at Snappy Snaps believes»: an appositive whose closing comma is missing.
        if p.lowerBound - 1 >= lowerBound, ["of", "at", "for", "from", "with"].contains(view.lower[p.lowerBound - 1]),
           let comma = (max(lowerBound, p.lowerBound - 8)..<p.lowerBound).last(where: { view.lower[$0] == "," }),
           ((comma + 1)..<p.lowerBound).allSatisfy({ view.isWord($0) && (!view.isCapitalized($0) || CueLexicon.titles[view.lower[$0]] != nil
                                                                        || mentions.mention(covering: $0) != nil) }),
           ((comma + 1)..<p.lowerBound).contains(where: { CueLexicon.personNouns.contains(view.lower[$0]) || CueLexicon.titles[view.lower[$0]] != nil }),
           comma - 1 >= lowerBound, let person = phrase(endingAt: comma - 1, from: lowerBound), personName(in: person) != nil {
            return person
        }
        return nil
    }

    /// Of «X, Y, said», the name when one side describes and the other names a person: «the festival's
    /// director in Kenya, Mary Otieno,» and «Minister for the Environment, John Hale,» give the name; «Jane
    /// Doe, a doctor,» keeps Jane Doe. Nil when the first side stands.
    func apposition(_ first: Range<Int>?, _ second: Range<Int>) -> Range<Int>? {
        guard let name = personName(in: second), name.lowerBound == second.lowerBound || name.upperBound == second.upperBound
        else { return nil }
        // «Cosby's lawyer, Walter M Phillips Jr,»: a possessor does not name the first side.
        if let first, let named = personName(in: first), !isTitle(first),
           !(named.upperBound < view.count && ["’s", "'s"].contains(view.lower[named.upperBound])) { return nil }
        return name
    }

    /// The name in a token range when the range is (mostly) a person's name: a person mention, or without
    /// an entity layer a run of two to four capitalized words that is no organisation.
    func personName(in r: Range<Int>) -> Range<Int>? {
        var r = r
        while !r.isEmpty, !view.isWord(r.lowerBound) { r = (r.lowerBound + 1)..<r.upperBound }
        while !r.isEmpty, !view.isWord(r.upperBound - 1) { r = r.lowerBound..<(r.upperBound - 1) }
        guard !r.isEmpty, r.count <= 6 else { return nil }
        if !mentions.isEmpty {
            for t in r {
                if let m = mentions.mention(covering: t), mentions.mentions[m].label == .person {
                    let mr = mentions.tokenRange(m)
                    return max(mr.lowerBound, r.lowerBound)..<min(mr.upperBound, r.upperBound)
                }
            }
            return nil
        }
        guard r.count >= 2, r.count <= 5, r.allSatisfy({ (view.isWord($0) && view.isCapitalized($0)) || view.lower[$0] == "." }),
              !SpeakerPhrase.notNames.contains(view.lower[r.lowerBound]), !isOrganisation(r) else { return nil }
        return r
    }

    /// Whether a phrase ends in a word that names a body («… Traders Association», «… City Council»), or is
    /// an organisation mention.
    func isOrganisation(_ r: Range<Int>) -> Bool {
        guard !r.isEmpty else { return false }
        if let m = mentions.mention(covering: r.upperBound - 1) { return mentions.mentions[m].label == .org }
        return CueLexicon.organisationWords.contains(view.lower[r.upperBound - 1])
    }

    /// Whether a phrase is only titles («Minister for the Environment»), no name.
    private func isTitle(_ r: Range<Int>) -> Bool {
        r.allSatisfy { CueLexicon.titles[view.lower[$0]] != nil || !view.isCapitalized($0) || !view.isWord($0) }
    }

    /// A pronoun, a name (a run of capitalized words with "of", abbreviations and initials) or a description
    /// ("the gambling tycoon") ending at token `j`.
    func phrase(endingAt j: Int, from lowerBound: Int) -> Range<Int>? {
        guard j >= lowerBound, j >= 0 else { return nil }
        let w = view.lower[j]
        if CueLexicon.pronouns.contains(w) { return j..<(j + 1) }
        // «Guy Mansfield QC has warned»: letters after a name are not who speaks.
        if CueLexicon.postNominals.contains(w), j - 1 >= lowerBound, let p = mentions.person(at: j - 1) {
            return max(mentions.tokenRange(p).lowerBound, lowerBound)..<j
        }
        if let m = mentions.mention(covering: j) {
            let r = mentions.tokenRange(m)
            if r.upperBound == j + 1 {
                // «A spokesman for the British Phonographic Industry said»: the person speaking for the body.
                var k = r.lowerBound - 1
                if k >= lowerBound, view.lower[k] == "the" { k -= 1 }
                if k - 1 >= lowerBound, ["for", "of", "at", "from"].contains(view.lower[k]), view.isWord(k - 1), !view.isCapitalized(k - 1),
                   let description = phrase(endingAt: k - 1, from: lowerBound), CueLexicon.determiners.contains(view.lower[description.lowerBound]) {
                    return description.lowerBound..<(j + 1)
                }
                // «Lord Nicholls of Birkenhead said»: a peer's title names a place; the peer speaks, not the place.
                if mentions.mentions[m].label == .gpe, r.lowerBound - 2 >= lowerBound, view.lower[r.lowerBound - 1] == "of",
                   view.isCapitalized(r.lowerBound - 2), let peer = phrase(endingAt: r.lowerBound - 2, from: lowerBound),
                   mentions.person(at: r.lowerBound - 2) != nil || CueLexicon.titles[view.lower[peer.lowerBound]] != nil {
                    return peer.lowerBound..<(j + 1)
                }
                return max(r.lowerBound, lowerBound)..<(j + 1)
            }
        }
        if view.isWord(j), view.isCapitalized(j) {
            var s = j
            while s - 1 >= lowerBound {
                let k = s - 1
                if view.isWord(k), view.isCapitalized(k), !(k == lowerBound && SpeakerPhrase.notNames.contains(view.lower[k])) {
                    s = k
                } else if view.lower[k] == ".", k - 1 >= lowerBound, view.isCapitalized(k - 1), view.lower[k - 1].utf8.count <= 4 {
                    s = k   // "Maj. Gen.", "J. R."
                } else if SpeakerPhrase.nameLinks.contains(view.lower[k]) || view.lower[k] == "-" || view.lower[k] == "/",
                          k - 1 >= lowerBound, view.isCapitalized(k - 1) {   // "Reuters/Ipsos"
                    s = k
                } else if view.tokens[k].kind == .clitic, k - 1 >= lowerBound, view.isCapitalized(k - 1) {
                    s = k   // "Leip’s Atlas"
                } else {
                    break
                }
            }
            while s < j, !view.isWord(s) || SpeakerPhrase.nameLinks.contains(view.lower[s]) { s += 1 }
            if s == j, SpeakerPhrase.notNames.contains(view.lower[s]) { return nil }
            return s..<(j + 1)
        }
        // A share of people: «Nearly half said», «a third said», «52 percent say», «4 in 10 said», «few believe».
        if SpeakerPhrase.shares.contains(w) || (view.tokens[j].kind == .number && j - 2 >= lowerBound && view.lower[j - 1] == "in") {
            var b = j
            while b - 1 >= lowerBound, j - b < 4, view.isWord(b - 1) || view.tokens[b - 1].kind == .number,
                  !CueLexicon.clauseWords.contains(view.lower[b - 1]) || view.lower[b - 1] == "in" { b -= 1 }
            return b..<(j + 1)
        }
        guard view.isWord(j), !CueLexicon.clauseWords.contains(w), !CueLexicon.determiners.contains(w) else { return nil }
        // A description: back to its determiner over at most five modifiers.
        var k = j
        while k - 1 >= lowerBound, j - k < 6 {
            k -= 1
            let v = view.lower[k]
            if CueLexicon.determiners.contains(v) { return k..<(j + 1) }
            if view.tokens[k].kind == .clitic, k - 1 >= lowerBound, view.isCapitalized(k - 1),
               let owner = phrase(endingAt: k - 1, from: lowerBound) {
                return owner.lowerBound..<(j + 1)   // «O’Malley’s campaign»
            }
            if view.tokens[k].kind == .clitic, v == "’s" || v == "'s" { continue }   // «the committee’s report»
            if CueLexicon.clauseWords.contains(v) || (!view.isWord(k) && v != "-" && v != "/" && view.tokens[k].kind != .number) { break }
            // «this year had produced»: a verb ends a description.
            if SpeakerPhrase.isVerbWord(v) || SpeakerPhrase.isVerbWord(w) { return nil }
        }
        // A bare plural ("officials", "analysts") standing at a clause boundary, with its modifiers
        // («Democratic registered voters say»).
        // «McFadden makes claims that …»: after a person's name, a word ending in "s" is a verb, not a plural.
        // «Video game fans often complain»: four letters suffice («fans», «MPs»), a few short words aside.
        if w.utf8.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !SpeakerPhrase.shortNonPlurals.contains(w),
           !(j - 1 >= lowerBound && mentions.isVerbAfterName(w, at: j)) {
            var b = j
            while b - 1 >= lowerBound, j - b < 4, view.isWord(b - 1), !CueLexicon.clauseWords.contains(view.lower[b - 1]),
                  !CueLexicon.adverbs.contains(view.lower[b - 1]), !CueLexicon.reporting.contains(view.lower[b - 1]),
                  !CueLexicon.speech.contains(view.lower[b - 1]) { b -= 1 }
            let boundary = b - 1 < lowerBound || CueLexicon.clauseWords.contains(view.lower[b - 1]) || !view.isWord(b - 1)
            if boundary { return b..<(j + 1) }
        }
        return nil
    }

    /// Words that take a partitive "of" in a speaker phrase («one of the lawyers», «some of the fans»).
    static let quantifiers: Set<String> = ["one", "two", "three", "some", "several", "many", "most", "both", "each", "all", "few"]

    /// The phrase after a cue ("said Paul Smith, a doctor"; "said the minister"), up to a comma or a clause word.
    func phrase(startingAt start: Int, before upperBound: Int) -> Range<Int>? {
        guard start < upperBound else { return nil }
        if CueLexicon.pronouns.contains(view.lower[start]) { return start..<(start + 1) }
        var e = start
        while e < upperBound, e - start < 12 {
            let v = view.lower[e]
            if v == "." , e > start, view.isCapitalized(e - 1), view.lower[e - 1].utf8.count <= 4, e + 1 < upperBound, view.isCapitalized(e + 1) {
                e += 1
                continue
            }
            if !view.isWord(e) && v != "-" && view.tokens[e].kind != .clitic && view.tokens[e].kind != .number { break }
            // «said master of ceremonies Asab Tabchi»: a lower-case role holds "of" before the name.
            let roleOf = v == "of" && (start..<e).allSatisfy { view.isWord($0) && !view.isCapitalized($0) }
                && ((e + 1)..<min(e + 4, upperBound)).contains { view.isCapitalized($0) }
            // «said Treasury Under Secretary John Taylor», «said Economic and Fiscal Policy Minister Heizo Takenaka»: a
            // link word inside a capitalized title before a person's name.
            let titleLink = e > start && e + 1 < upperBound && view.isCapitalized(e - 1) && view.isCapitalized(e + 1)
                && (view.isCapitalized(e) || v == "and" && !(start..<e).contains { mentions.person(at: $0) != nil }
                    && ((e + 1)..<min(e + 7, upperBound)).contains { mentions.person(at: $0) != nil })
            // «said Chancellor of the Exchequer Gordon Brown», «said Secretary of State for Trade Ann Hale»: lower-case
            // link words inside a capitalized office, when a person's name ends it.
            let officeLink = e > start && ["of", "for", "the"].contains(v) && (view.isCapitalized(e - 1) || view.lower[e - 1] == "of")
                && officeEndsInPerson(after: e, before: upperBound)
            // «said one of their lawyers, Michalis Dimitrakopoulos»: a number or quantifier takes "of" before its noun.
            let partitive = v == "of" && e == start + 1 && SpeakerPhrase.quantifiers.contains(view.lower[start])
            if e > start, CueLexicon.clauseWords.contains(v), !roleOf, !titleLink, !officeLink, !partitive,
               !(SpeakerPhrase.nameLinks.contains(v) && e + 1 < upperBound && view.isCapitalized(e + 1)) { break }
            // «told POLITICO she was leaning …»: a personal pronoun starts a clause of its own; «said the move was …»:
            // so does a verb.
            if e > start, ["he", "she", "they", "we", "i"].contains(v) || SpeakerPhrase.isVerbWord(v) { break }
            if e > start, ["who", "which", "whose", "during", "in", "on", "at", "after", "before", "outside", "last", "this", "yesterday", "today",
                           "tonight", "afterwards", "afterward", "later", "earlier", "again", "recently", "ahead"].contains(v) { break }
            e += 1
        }
        guard e > start else { return nil }
        // Not a speaker: a clause or an adverbial ("said in a statement", "said Monday"), or a determiner with no
        // noun: «asking her, “…”» names who was asked.
        let first = view.lower[start]
        if e == start + 1, CueLexicon.determiners.contains(first) { return nil }
        if CueLexicon.clauseWords.contains(first) || SpeakerPhrase.weekdays.contains(first) { return nil }
        if !view.isCapitalized(start), !CueLexicon.determiners.contains(first),
           !(start..<e).contains(where: { view.isCapitalized($0) }) { return nil }
        return start..<e
    }

    /// Whether the words after a link word at `link` are capitalized words and link words up to a person's name,
    /// within six tokens: the rest of an office's title before its holder.
    private func officeEndsInPerson(after link: Int, before upperBound: Int) -> Bool {
        var k = link + 1
        while k < min(upperBound, link + 7) {
            if mentions.person(at: k) != nil { return k > link + 1 || view.lower[link] != "the" }
            guard view.isWord(k), view.isCapitalized(k) || ["of", "for", "the"].contains(view.lower[k]) else { return false }
            k += 1
        }
        return false
    }

    /// The speaker inside a segment between a boundary (closing mark, comma) and a cue: a pronoun, an entity
    /// mention, the whole segment when short, else its part before the first comma.
    func head(of range: Range<Int>) -> Range<Int>? {
        var r = range
        while !r.isEmpty, !view.isWord(r.lowerBound), view.tokens[r.lowerBound].kind != .number { r = (r.lowerBound + 1)..<r.upperBound }
        while !r.isEmpty, CueLexicon.adverbs.contains(view.lower[r.upperBound - 1]) || view.lower[r.upperBound - 1] == "," {
            r = r.lowerBound..<(r.upperBound - 1)
        }
        guard !r.isEmpty else { return nil }
        let first = view.lower[r.lowerBound]
        if CueLexicon.pronouns.contains(first) { return r.count == 1 ? r : nil }
        if CueLexicon.clauseWords.contains(first) { return nil }
        if !view.isCapitalized(r.lowerBound), !CueLexicon.determiners.contains(first), view.tokens[r.lowerBound].kind != .number,
           !r.prefix(4).contains(where: { view.isCapitalized($0) }), !r.prefix(7).contains(where: { mentions.person(at: $0) != nil }) {
            // "pollster Frank Luntz" and "director of telecoms research Tony Lavender" pass, "and" or "things" does not
            return nil
        }
        if let comma = r.first(where: { view.lower[$0] == "," }) {
            // «“…,” the festival's director in Kenya, Mary Otieno, told reporters.»
            let rest = (comma + 1)..<r.upperBound
            let next = rest.first(where: { view.lower[$0] == "," }) ?? rest.upperBound
            if let name = apposition(r.lowerBound..<comma, rest.lowerBound..<next) { return name }
            r = r.lowerBound..<comma
        }
        if r.count <= 7 { return r.isEmpty ? nil : r }
        // «the chief executive of a leading European car maker»: a longer description is still one (the resolver
        // reads it), whatever place or nationality it names inside; a person inside it is the speaker.
        if CueLexicon.determiners.contains(first), r.count <= 12, !view.isCapitalized(r.lowerBound + 1),
           !r.contains(where: { mentions.person(at: $0) != nil }),
           !r.contains(where: { CueLexicon.beForms.contains(view.lower[$0]) || CueLexicon.modals.contains(view.lower[$0]) || view.lower[$0] == "and" }),
           !CueLexicon.determiners.contains(view.lower[r.upperBound - 1]), !CueLexicon.prepositions.contains(view.lower[r.upperBound - 1]) {
            return r
        }
        // «the Post's senior politics editor Steven Ginsberg»: a person named in a long phrase speaks, not the body
        // named before them.
        let named = r.lazy.compactMap { mentions.mention(covering: $0) }
        if let m = named.first(where: { mentions.mentions[$0].label == .person }) ?? named.first(where: { mentions.isSpeakerLike($0) }) {
            let mr = mentions.tokenRange(m)
            return max(mr.lowerBound, r.lowerBound)..<min(mr.upperBound, r.upperBound)
        }
        // The first run of capitalized words.
        guard let s = r.first(where: { view.isCapitalized($0) && view.isWord($0) }) else { return nil }
        var e = s + 1
        while e < r.upperBound, view.isCapitalized(e) || view.lower[e] == "." { e += 1 }
        return s..<e
    }

    /// The last person or organisation named in `start..<cue`, a possessor aside («In Mr Peston's book Mr Brown is
    /// alleged to have told …» → Mr Brown). Nil without an entity layer.
    func lastNamed(from start: Int, before cue: Int) -> Range<Int>? {
        var t = cue - 1
        while t >= start, cue - t <= 20 {
            if let m = mentions.mention(covering: t), [.person, .org].contains(mentions.mentions[m].label) {
                let r = mentions.tokenRange(m)
                let possessor = r.upperBound < view.count && (view.lower[r.upperBound] == "’s" || view.lower[r.upperBound] == "'s")
                if !possessor, r.lowerBound >= start { return r }
                t = r.lowerBound
            }
            t -= 1
        }
        return nil
    }

    /// The speaker standing as the sentence's subject, for a participle cue or a cue far from its subject
    /// («Hours later, Trump returned the compliment, telling Reuters, “…”», «Likewise, a paper from the
    /// Brookings Institution had this to say: “…”»): the sentence's subject, unless that is a capitalized word
    /// the entity layer knows as nobody (a time word, a sentence adverb); then the first person or
    /// organisation named before the cue. A speaker is someone, not "Hours" or "Likewise".
    func speakingSubject(from start: Int, before cue: Int) -> Range<Int>? {
        let found = sentenceSubject(from: start, before: cue)
        if let f = found, let person = person(afterModifiers: f, before: cue) { return person }
        // A name the entity layer missed («Weaver didn't seem impressed with Sanders' comments, telling …») is
        // still the subject; only a subject the layer knows as no speaker (a place, a date) gives way.
        // «The editor I was talking to, Tim Grieve, interrupted me to announce, “…”»: the name in apposition.
        if let f = found, CueLexicon.determiners.contains(view.lower[f.lowerBound]),
           let comma = (f.upperBound..<min(cue, f.upperBound + 6)).first(where: { view.lower[$0] == "," }),
           let close = ((comma + 1)..<min(cue, comma + 6)).first(where: { view.lower[$0] == "," }),
           let name = apposition(f, (comma + 1)..<close) {
            return name
        }
        guard !mentions.isEmpty, let f = found, !CueLexicon.pronouns.contains(view.lower[f.lowerBound]),
              !CueLexicon.determiners.contains(view.lower[f.lowerBound]),
              !f.contains(where: { mentions.mention(covering: $0).map(mentions.isSpeakerLike) ?? false }),
              f.contains(where: { mentions.mention(covering: $0) != nil })
        else { return found ?? firstSpeakerMention(from: start, before: cue) }
        return firstSpeakerMention(from: start, before: cue) ?? found
    }

    /// «Republican Presidential hopeful Sen. Ted Cruz was also critical …»: capitalized modifiers, a lower-case
    /// role and titles before a person's name; the person is the subject, not the modifiers.
    private func person(afterModifiers f: Range<Int>, before cue: Int) -> Range<Int>? {
        // «Conservative co-chairman Liam Fox»: the modifiers may name a party or a body, not a person.
        guard view.isCapitalized(f.lowerBound), !CueLexicon.pronouns.contains(view.lower[f.lowerBound]),
              !f.contains(where: { mentions.person(at: $0) != nil }) else { return nil }
        var k = f.upperBound, roleWords = 0
        while k < cue, roleWords < 3, view.isWord(k) || view.lower[k] == "-" && k > f.upperBound, !view.isCapitalized(k),
              !CueLexicon.clauseWords.contains(view.lower[k]),
              !CueLexicon.speech.contains(view.lower[k]), !CueLexicon.adverbs.contains(view.lower[k]) {
            if view.lower[k] != "-" { roleWords += 1 }
            k += 1
        }
        // The role ends in a noun for a person («hopeful», «peer», «minister»), not a verb («We want Michael»).
        // «co-chairman», «vice-president»: the noun after the hyphen.
        let role = view.lower[k - 1].split(separator: "-").last.map(String.init) ?? view.lower[k - 1]
        guard roleWords > 0, CueLexicon.personNouns.contains(role) || CueLexicon.titles[role] != nil
        else { return nil }
        while k < cue, CueLexicon.titles[view.lower[k]] != nil || view.lower[k] == "." { k += 1 }
        guard k < cue, let m = mentions.mention(covering: k), mentions.mentions[m].label == .person,
              mentions.tokenRange(m).lowerBound == k else { return nil }
        return k..<min(mentions.tokenRange(m).upperBound, cue)
    }

    /// The first person or organisation named in a token range.
    private func firstSpeakerMention(from start: Int, before cue: Int) -> Range<Int>? {
        for t in start..<cue {
            if let m = mentions.mention(covering: t), [.person, .org].contains(mentions.mentions[m].label) {
                let r = mentions.tokenRange(m)
                return max(r.lowerBound, start)..<min(r.upperBound, cue)
            }
        }
        return nil
    }

    /// Whether the word at `s` opens an adverbial before the subject rather than the subject itself: a
    /// preposition or a subordinator («In …», «When …»), a sentence adverb («Likewise,», «Separately,»), a time
    /// word («Hours later,»), or a lower-case clause word («in-prison interview»).
    private func opensAdverbial(_ s: Int) -> Bool {
        let w = view.lower[s]
        if w == "who" || w == "which" { return true }   // a relative clause after a comma is no subject
        if CueLexicon.pronouns.contains(w) || w == "the" { return false }
        if SpeakerPhrase.notNames.contains(w) { return true }
        if CueLexicon.determiners.contains(w) { return false }
        if SpeakerPhrase.adverbials.contains(w) || CueLexicon.clauseWords.contains(w)
            || CueLexicon.prepositions.contains(w) || CueLexicon.adverbs.contains(w) { return true }
        // «In a wide-ranging, in-prison interview …»: a lower-case word other than a bare plural («officials»).
        if !view.isCapitalized(s) { return !(w.utf8.count > 4 && w.hasSuffix("s") && !w.hasSuffix("ss")) }
        // «Ultimately, …», «Speaking to reporters, …»
        return view.isCapitalized(s) && s + 1 < view.count && (w.hasSuffix("ly") || w.hasSuffix("ing")) && !isNameStart(s)
    }

    /// Whether a capitalized word is (the start of) a name the entity layer found.
    private func isNameStart(_ s: Int) -> Bool {
        mentions.mention(covering: s).map(mentions.isSpeakerLike) ?? false
    }

    /// «The fans marched to …», «A spokesman played down …»: a past form after the noun, before a preposition, a
    /// determiner or a particle, is the verb; «the newly elected mayor» keeps its participle.
    private func isPastVerb(_ e: Int, after s: Int) -> Bool {
        guard e > s + 1, view.lower[e].hasSuffix("ed") || SpeakerPhrase.irregularPasts.contains(view.lower[e]), e + 1 < view.count
        else { return false }
        let next = view.lower[e + 1]
        // «The striker signed Morrison to …», «The federation considered taking action …»: a name or a gerund after it
        // is its object.
        return !view.isWord(e + 1) || CueLexicon.clauseWords.contains(next) || CueLexicon.determiners.contains(next)
            || CueLexicon.prepositions.contains(next) || ["down", "up", "out", "off", "back", "away"].contains(next)
            || view.isCapitalized(e + 1) || next.hasSuffix("ing") && next.utf8.count > 5 || CueLexicon.adverbs.contains(next)
    }

    /// Four-letter words in "s" that are no plural subject.
    private static let shortNonPlurals: Set<String> = ["does", "goes", "news", "this", "thus", "plus", "less", "yes", "says",
                                                       "was", "has", "is", "its", "his", "hers", "ours", "us"]

    /// Past forms of intransitive verbs that stand before «and said» («she stood and said»).
    private static let irregularPasts: Set<String> = ["stood", "sat", "rose", "went", "came", "ran", "spoke", "shook",
                                                      "grew", "fell", "began", "broke", "held", "left"]

    /// Words naming a share of a group, which stand as a subject: «half said», «most say».
    static let shares: Set<String> = ["half", "third", "quarter", "percent", "majority", "minority", "most", "many",
                                      "others", "plurality", "fifth", "few", "some", "several", "both"]

    /// Conjunctions and time words that open a sentence without a comma before its subject («But he …»).
    private static let bareOpeners: Set<String> = ["but", "and", "yet", "so", "earlier", "later", "meanwhile", "now", "then", "also"]

    /// Sentence openers before a subject beyond `notNames`: sentence adverbs, time words, prepositions.
    private static let adverbials: Set<String> = [
        "likewise", "moreover", "furthermore", "indeed", "nevertheless", "nonetheless", "separately", "additionally",
        "similarly", "otherwise", "thus", "therefore", "again", "overall", "ultimately", "finally", "once", "even",
        "hours", "days", "weeks", "months", "years", "minutes", "moments", "shortly", "soon", "throughout", "amid",
        "despite", "among", "within", "across", "upon", "unlike", "like", "following", "including", "outside",
        "inside", "around", "against", "toward", "towards", "beyond", "behind", "regarding", "given", "until",
        "unless", "whether", "where", "why", "who", "which", "whose", "asked", "pressed", "told", "back",
    ]

    /// The subject of the sentence, for participle cues ("Clinton posted a comment, saying …"): the first
    /// name, pronoun or description after an opening adverbial.
    func sentenceSubject(from start: Int, before cue: Int) -> Range<Int>? {
        var s = view.datelineEnd(from: start, before: cue) ?? start
        while true {
            while s < cue, !view.isWord(s) { s += 1 }
            guard s < cue else { return nil }
            // «“…,” said Skelly, explaining …: “…”»: the inverted attribution of the quotation before.
            if CueLexicon.speech.contains(view.lower[s]), !view.isCapitalized(s),
               let speaker = phrase(startingAt: s + 1, before: cue) { return speaker }
            // «But he is not envious, insisting: “…”», «Earlier Tory leader Michael Howard sent …»: a conjunction or a
            // time word opening the sentence with no comma after it.
            if SpeakerPhrase.bareOpeners.contains(view.lower[s]), s + 1 < cue, view.isWord(s + 1) {
                s += 1
                continue
            }
            guard opensAdverbial(s) else { break }
            // «On Sunday, Khamenei …», «Hours later, Trump …», «In an interview with journalist Matei Rosca,
            // Lazar said …», «When I asked Sanders, he …»: skip the adverbial up to its comma.
            guard let comma = (s..<cue).first(where: { view.lower[$0] == "," }) else { return nil }
            s = comma + 1
        }
        if CueLexicon.pronouns.contains(view.lower[s]) { return s..<(s + 1) }
        var e = s
        while e < cue, e - s < 8, view.isWord(e) || view.lower[e] == "." || view.lower[e] == "-" || view.tokens[e].kind == .clitic {
            if e > s, !view.isCapitalized(e), view.lower[e] != "." {
                if CueLexicon.determiners.contains(view.lower[s]) && !CueLexicon.clauseWords.contains(view.lower[e])
                    && !CueLexicon.adverbs.contains(view.lower[e]) && !CueLexicon.reporting.contains(view.lower[e])
                    && !CueLexicon.speech.contains(view.lower[e]) && !isPastVerb(e, after: s) {
                    e += 1
                    continue
                }
                break
            }
            e += 1
        }
        return e > s ? s..<e : nil
    }
}
