import PipelineKit

/// Who a speaker phrase refers to, read against a speaker model of the whole document: who spoke last
/// and who is the subject in focus, carried over paragraph and quotation boundaries.
///
/// A name resolves to the entity of its mention, or to the fuller name written earlier ("Mr Rao" → "Vijay
/// Rao", "Sir Alan" → "Alan Marsh"); "he"/"she" to the speaker or subject in focus with a compatible gender
/// (a person named in passing is not in focus); a role ("the Archbishop") to the person with that title; a
/// body or document ("the committee's report") to its owner. Names inside quotations are never speakers.
///
/// ```swift
/// var resolver = SpeakerResolver(view: view, mentions: mentions, quoted: quoted)
/// let who = resolver.resolve(speakerTokens, at: quoteStart)   // ("e3", "Qassim Soleimani", "pronoun")
/// resolver.spoke(who, speaker: speakerTokens, at: quoteStart)  // the speaker in focus for what follows
/// let next = resolver.inFocus(at: nextQuoteStart)              // a quotation with no cue of its own
/// ```
struct SpeakerResolver {
    struct Resolution {
        var entityID: String?
        var name: String?
        var isPerson: Bool
        var gender: String?
        /// How it was found when not by name: "pronoun", "description", "relative", "appositive", "owner",
        /// "short-name".
        var via: String?
        /// A person or group the article never names («a spokesman», «the man», «the researchers»): kept in focus by
        /// the description, so a following "he added" or a quotation without a cue is theirs, but given no name.
        var isUnnamed = false
    }

    /// A speaker of the document, with where the speaker was written.
    struct Spoken {
        var resolution: Resolution
        var speaker: Range<Int>?
        var token: Int
        /// The last token of what was said (the quote's end), for a name mentioned inside it.
        var through: Int? = nil
        /// A thing that shows or finds («the survey showed that …»): "it" may refer to it, but it is no speaker in
        /// focus for the quotations after it.
        var isEvidence = false
    }

    let view: QuoteTokens
    let mentions: MentionIndex
    /// Tokens inside quotation marks: a name there is quoted, not speaking.
    let quoted: [Bool]
    /// Speakers already resolved, in text order.
    private var previous: [Spoken] = []

    /// How many paragraphs back the speaker or subject stays in focus for a pronoun or a quotation without a cue.
    static let focusParagraphs = 3

    /// Words ending in "s" that entity mentions hold («Sophos», «Reuters»): such a word opening a sentence is a name,
    /// not a plural. Gathered once, so a document of thousands of «Analysts said» stays linear.
    private let namedPlurals: Set<String>

    init(view: QuoteTokens, mentions: MentionIndex, quoted: [Bool]) {
        self.view = view
        self.mentions = mentions
        self.quoted = quoted
        var named = Set<String>()
        for m in mentions.mentions.indices {
            for t in mentions.tokenRange(m) where view.lower[t].hasSuffix("s") || SpeakerResolver.irregularPlurals.contains(view.lower[t]) {
                named.insert(view.lower[t])
            }
        }
        namedPlurals = named
    }

    /// Records who spoke at `token`: the speaker in focus for following pronouns and uncued quotations.
    mutating func spoke(_ r: Resolution?, speaker: Range<Int>?, at token: Int, through last: Int? = nil, isEvidence: Bool = false) {
        guard let r, r.name != nil || r.entityID != nil else { return }
        previous.append(Spoken(resolution: r, speaker: speaker, token: token, through: last, isEvidence: isEvidence))
    }

    /// `saying`: what the speaker said, whose people are talked about, not talking («Mr Sullivan “made accounting
    /// decisions,” he told the court» is not Mr Sullivan).
    func resolve(_ speaker: Range<Int>, at token: Int, saying: ClosedRange<Int>? = nil) -> Resolution? {
        var r = resolveSpeaker(speaker, at: token, saying: saying)
        // «The Trafford Centre spokeswoman said …. “…,” she added.»: a spokesperson speaks for the body, and is
        // the "he" or "she" that follows.
        if SpeakerResolver.head(of: speaker.map { view.lower[$0] }).hasPrefix("spokes"), r != nil {
            let head = SpeakerResolver.head(of: speaker.map { view.lower[$0] })
            r?.isPerson = true
            r?.gender = head.hasSuffix("woman") ? "female" : head.hasSuffix("man") ? "male" : nil
        }
        return r
    }

    private func resolveSpeaker(_ speaker: Range<Int>, at token: Int, saying: ClosedRange<Int>? = nil) -> Resolution? {
        let words = speaker.map { view.lower[$0] }
        if words.count == 1, CueLexicon.pronouns.contains(words[0]) {
            return resolvePronoun(words[0], at: speaker.lowerBound, saying: saying)
        }
        // «Her advice to the board», «the committee's report»: what was said stands for who said it.
        if let owner = owner(of: speaker) {
            var r = owner.count == 1 && CueLexicon.possessives[view.lower[owner.lowerBound]] != nil
                ? resolvePronoun(CueLexicon.possessives[view.lower[owner.lowerBound]]!, at: owner.lowerBound)
                : resolveSpeaker(owner, at: token)
            r?.via = "owner"
            return r
        }
        // «the Archbishop said»: a title standing alone is a role, not a name.
        if words.count == 2, words[0] == "the", CueLexicon.titles[words[1]] != nil {
            return resolveDescription(speaker, words: words, at: token)
        }
        // «the Russian president», «Swiss Re», «a London-based broker»: a place or a nationality that only
        // modifies the speaker is not who spoke.
        if let m = mentions.speakerMentions(in: speaker).first, !isAffiliation(speaker, words: words, mention: m),
           [.person, .org].contains(mentions.mentions[m].label)
            || speaker.allSatisfy({ mentions.tokenRange(m).contains($0) || !view.isCapitalized($0) && !view.isWord($0) || view.lower[$0] == "the" }) {
            var r = resolution(of: m)
            // «Said Williams: “…”»: the entity layer read the verb as a first name.
            let named = mentions.tokenRange(m)
            var before = speaker.lowerBound
            if r.isPerson, named.lowerBound < speaker.lowerBound, CueLexicon.speech.contains(view.lower[named.lowerBound]) {
                var first = named.lowerBound + 1
                while first + 1 < named.upperBound, CueLexicon.titles[view.lower[first]] != nil { first += 1 }
                r.name = text(first..<named.upperBound)
                before = named.lowerBound
            }
            if r.isPerson, let name = r.name, let fuller = fullerPerson(name, title: title(before: speaker), before: before) {
                r = fuller
            }
            return r
        }
        // «Its president, Tomas Varga, warned that …», «said its chairman, Sir Anthony Greener»: a description
        // followed by the person's name.
        if let first = words.first, CueLexicon.determiners.contains(first), var r = appositive(after: speaker) {
            r.via = "appositive"
            return r
        }
        if let first = words.first, first == "the" || first == "this" {
            return resolveDescription(speaker, words: words, at: token)
        }
        // «a central bank official», «one reviewer», «another senior adviser», «her spokesman», «his lawyer»: an
        // unnamed person (or body). A possessive's description is someone the article has not named, not the person
        // in focus: «McNamee said: “…” But her spokesman insisted …. “…”» is the spokesman's.
        if let first = words.first, words.count >= 2, words.count <= 8, ["a", "an", "one", "another"].contains(first)
            || ["his", "her", "their"].contains(first) && isPersonNoun(SpeakerResolver.head(of: words)) {
            return unnamed(speaker, words: words)
        }
        // «Many might think …», «Women can expect …»: a share of people or a plural, capitalized only because it opens
        // the sentence, is a group nobody names; so are «Russian news agencies», whose head is a plural in lower case.
        let last = speaker.upperBound - 1
        let group = words.count == 1
            ? SpeakerPhrase.shares.contains(words[0]) || (SpeakerResolver.isPlural(words[0]) || SpeakerResolver.irregularPlurals.contains(words[0]))
                && view.opensSentence(speaker.lowerBound) && !isNamed(words[0])
            : view.isWord(last) && !view.isCapitalized(last) && SpeakerResolver.isPlural(words[words.count - 1])
                && !CueLexicon.clauseWords.contains(words[0]) && !["which", "who", "whom", "whose"].contains(words[0])
        if group {
            return Resolution(name: text(speaker), isPerson: false, isUnnamed: true)
        }
        if speaker.contains(where: { view.isCapitalized($0) }) {
            return resolveName(speaker)
        }
        return nil
    }

    /// Whether an entity mention anywhere in the document holds the plural («Sophos urged …» after «the firm Sophos»).
    private func isNamed(_ plural: String) -> Bool { namedPlurals.contains(plural) }

    /// "the minister", "the Archbishop", "the committee", "the outspoken officer".
    private func resolveDescription(_ speaker: Range<Int>, words: [String], at token: Int) -> Resolution? {
        let text = self.text(speaker)
        // «the chief executive of a leading European car maker»: a person of a body the article does not
        // identify is someone it does not name.
        if zip(words, words.dropFirst()).contains(where: { ["of", "for", "at", "from"].contains($0.0) && ["a", "an"].contains($0.1) }) {
            let head = SpeakerResolver.head(of: words)
            guard CueLexicon.personNouns.contains(head) else { return unnamed(speaker, words: words) }
            return Resolution(entityID: nil, name: text, isPerson: true, gender: head.hasSuffix("woman") ? "female" : nil,
                              isUnnamed: true)
        }
        // The last person whose title or role holds a word of the description ("Transport Minister Alan Whitcombe").
        // Bodies ("the club") are no roles: a person near the word "club" is not the club.
        let head = words.last ?? ""
        // «The prime minister's office said»: the words before a possessive describe the owner, not the speaker.
        let own = words.lastIndex(where: { $0 == "’s" || $0 == "'s" }).map { words.index(after: $0) } ?? 1
        for w in words[own...].reversed() where w.utf8.count > 2 && !CueLexicon.clauseWords.contains(w)
            && !CueLexicon.groupHeads.contains(w) {
            if let m = mentions.lastPerson(before: speaker.lowerBound, withRoleWord: w, quoted: quoted, where: { !qualified($0, beyond: words) })
                ?? (w == head ? mentions.lastPerson(before: speaker.lowerBound, gender: nil, quoted: quoted,
                                                    where: { described($0, by: w) && !qualified($0, beyond: words) }) : nil) {
                var r = resolution(of: m)
                r.via = "description"
                return r
            }
        }
        // «The home secretary said … Home Secretary Charles Clarke»: the role named later in the article.
        if head.utf8.count > 2, !CueLexicon.groupHeads.contains(head),
           let m = mentions.nextPerson(after: speaker.upperBound, where: { (mentions.hasRole($0, head) || described($0, by: head)) && !qualified($0, beyond: words) }) {
            var r = resolution(of: m)
            r.via = "description"
            return r
        }
        // A body or a document speaks as itself, never as the last person named.
        if CueLexicon.groupHeads.contains(head) || words.contains(where: { $0 == "’s" || $0 == "'s" }) {
            if let m = mentions.speakerMentions(in: speaker).first { return resolution(of: m) }
            return CueLexicon.groupHeads.contains(head) ? Resolution(name: text, isPerson: false) : nil
        }
        // «the Archbishop of Wexford»: a name; «the Waterford man», «the Sale full-back» describe a person by place
        // or club, and go to the person in focus below.
        let nationality = mentions.mention(covering: speaker.upperBound - 1).map { mentions.mentions[$0].label == .norp }
            ?? isDemonym(speaker)
        // «The Israelis described the meeting as …»: a people in the plural is a group, not the person in focus.
        if nationality, head.utf8.count > 3, head.hasSuffix("s"), !head.hasSuffix("ss") {
            return Resolution(name: text, isPerson: false)
        }
        // «the judges said», «the researchers found»: no role matched, and a plural is never the one person in focus.
        if SpeakerResolver.isPlural(head) {
            return Resolution(name: text, isPerson: false, isUnnamed: true)
        }
        if speaker.dropFirst().contains(where: { view.isCapitalized($0) }), !nationality,
           view.isCapitalized(speaker.upperBound - 1) || !CueLexicon.personNouns.contains(head) {
            return resolveName(speaker.dropFirst())
        }
        // "the general", "the outspoken officer": the person in focus, if anyone is. «He said the man shouted»:
        // a man or woman described by nothing the article said of anyone (no place, club or age: «the Waterford
        // man» is the runner in focus) is someone it has not named.
        let anonymous = ["man", "woman", "boy", "girl", "person"].contains(head)
            && speaker.dropFirst().allSatisfy { view.isWord($0) && !view.isCapitalized($0) && !view.text($0).utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) }
        if !anonymous, var r = inFocus(at: speaker.lowerBound, person: true)?.resolution {
            r.via = "description"
            return r
        }
        // «The official said …», «A spokeswoman for the centre said …»: an unnamed person, who stays the
        // speaker for a following "he" or "she".
        guard CueLexicon.determiners.contains(words.first ?? ""), words.count <= 8 else { return nil }
        return unnamed(speaker, words: words)
    }

    private static let irregularPlurals: Set<String> = ["women", "men", "people", "children"]

    /// «judges», «researchers», «authors»; not «boss», «status», «analysis», «news».
    static func isPlural(_ w: String) -> Bool {
        w.utf8.count > 3 && w.hasSuffix("s") && !["ss", "us", "is", "ews"].contains { w.hasSuffix($0) }
    }

    /// «the 27-year-old Austrian», «the Frenchman»: a description ending in a capitalized word with a demonym's
    /// ending (-an, -ese, -ish, -man, -woman, -i, -ch) that no entity covers, after lower-case modifiers or "the" alone.
    private func isDemonym(_ speaker: Range<Int>) -> Bool {
        let last = speaker.upperBound - 1
        guard speaker.count >= 2, view.lower[speaker.lowerBound] == "the", view.isCapitalized(last), mentions.mention(covering: last) == nil,
              (speaker.lowerBound + 1..<last).allSatisfy({ !view.isCapitalized($0) }) else { return false }
        let w = view.lower[last]
        return ["an", "ese", "ish", "man", "woman", "i", "ch"].contains { w.hasSuffix($0) } && w.utf8.count > 3
    }

    /// «The Tory leader», «the Liverpool player», «the Labour peer»: a definite description of a person by the
    /// body or place they belong to (a lower-case head that names no body) is that person, not the body.
    private func isAffiliation(_ speaker: Range<Int>, words: [String], mention m: Int) -> Bool {
        // «the 27-year-old Austrian», «the Dutchman»: a person by nationality.
        if words.first == "the", mentions.mentions[m].label == .norp, mentions.tokenRange(m).upperBound == speaker.upperBound { return true }
        guard ["the", "this", "that"].contains(words.first ?? ""), mentions.mentions[m].label != .person,
              let last = words.last, view.isWord(speaker.upperBound - 1), !view.isCapitalized(speaker.upperBound - 1),
              CueLexicon.personNouns.contains(last) || CueLexicon.titles[last] != nil else { return false }
        return mentions.tokenRange(m).upperBound < speaker.upperBound
    }

    /// Two to six capital letters: «FA», «IAAF».
    private func isInitials(_ word: String) -> Bool {
        (2...6).contains(word.utf8.count) && word.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// «spokesman», «lawyer», «lawyers»: a noun for a person, or people.
    private func isPersonNoun(_ w: String) -> Bool {
        CueLexicon.personNouns.contains(w) || w.hasPrefix("spokes") || w.hasSuffix("s") && CueLexicon.personNouns.contains(String(w.dropLast()))
    }

    /// A description naming nobody: the speaker is the description itself, a person unless its head names a body.
    private func unnamed(_ speaker: Range<Int>, words: [String]) -> Resolution {
        let head = SpeakerResolver.head(of: words)
        // «an FA statement», «an FA spokesman» after «the Football Association»: the body, by its initials.
        if head.hasPrefix("spokes") || CueLexicon.utterances.contains(head) || CueLexicon.groupHeads.contains(head),
           let t = speaker.first(where: { view.isWord($0) && isInitials(view.text($0)) }),
           let body = mentions.organisation(initials: view.text(t)) {
            return Resolution(entityID: body.id, name: body.name, isPerson: head.hasPrefix("spokes"),
                              gender: head.hasSuffix("woman") ? "female" : head.hasSuffix("man") ? "male" : nil)
        }
        let gender = head.hasSuffix("woman") || head.hasSuffix("women") ? "female" : head.hasSuffix("man") ? "male" : nil
        let body = CueLexicon.groupHeads.contains(head) && !head.hasPrefix("spokes") || CueLexicon.utterances.contains(head)
        return Resolution(entityID: nil, name: text(speaker), isPerson: !body, gender: gender, isUnnamed: !body)
    }

    /// The person named right after a description and a comma, in the same sentence.
    private func appositive(after speaker: Range<Int>) -> Resolution? {
        let c = speaker.upperBound
        guard c + 1 < view.count, view.lower[c] == ",", view.sentence[c + 1] == view.sentence[speaker.lowerBound] else { return nil }
        // «according to the polling average, although Carson keeps it close»: a clause after the comma is no apposition.
        // «The book, by journalist Robert Peston, said» leads to the person; «According to the FT, in its latest meeting
        // Deutsche Boerse …» does not.
        guard !Self.appositionStops.contains(view.lower[c + 1]) else { return nil }
        var end = c + 1
        while end < view.count, end - c <= 8, view.sentence[end] == view.sentence[c], view.isWord(end) || view.lower[end] == "." { end += 1 }
        if let m = mentions.speakerMentions(in: (c + 1)..<end).first(where: { mentions.mentions[$0].label == .person }) {
            return resolution(of: m)
        }
        var e = c + 1
        while e < end, view.isCapitalized(e) || view.lower[e] == "." { e += 1 }
        guard mentions.isEmpty, e - (c + 1) >= 2 else { return nil }
        return resolveName((c + 1)..<e)
    }

    /// A capitalized name with no entity behind it: the title dropped ("MP Jane Okello" → "Jane Okello") and
    /// a short form ("Mr Rao", "Sir Alan") completed from a fuller name written earlier.
    private func resolveName(_ speaker: Range<Int>) -> Resolution {
        var s = speaker.lowerBound
        // «French finance minister Herve Gaymard», «analyst Jason Kenney»: the name is the last capitalized run.
        if let lower = speaker.last(where: { view.isWord($0) && !view.isCapitalized($0) }), lower + 1 < speaker.upperBound,
           view.isCapitalized(lower + 1) {
            s = lower + 1
        }
        var title: String? = nil
        while s + 1 < speaker.upperBound, CueLexicon.titles[view.lower[s]] != nil || view.lower[s] == "." {
            if view.lower[s] != "." { title = view.lower[s] }
            s += 1
        }
        let name = text(s..<speaker.upperBound)
        // «the Conservatives say», «most Republicans say»: one capitalized plural after a determiner is a party or a
        // people, a group and never "he" («the Khans say» is a family).
        let last = speaker.upperBound - 1
        if title == nil, last > 0, last - speaker.lowerBound <= 1, Self.isPlural(view.lower[last]), view.isCapitalized(last),
           CueLexicon.determiners.contains(view.lower[last - 1]) {
            return Resolution(name: text(max(speaker.lowerBound, last - 1)..<speaker.upperBound), isPerson: false)
        }
        if let fuller = fullerPerson(name, title: title, before: speaker.lowerBound) { return fuller }
        let gender = title.flatMap { CueLexicon.titles[$0] ?? nil }
        let peer = name.contains(" ") ? nil : peerage(before: s)
        return Resolution(entityID: nil, name: peer.map { $0 + " " + name } ?? name, isPerson: true, gender: gender)
    }

    /// Words after a comma that start a clause or an adverbial, not an apposition.
    private static let appositionStops: Set<String> = ["although", "though", "while", "whereas", "because", "but", "and", "or", "if",
                                                     "when", "as", "since", "so", "which", "who", "whose", "whom", "that", "after",
                                                     "before", "until", "unless", "in", "on", "at", "for", "from", "with", "to"]

    /// The title written right before a mention ("Sir" of "Sir Alan"), lower-cased.
    private func title(before speaker: Range<Int>) -> String? {
        var t = speaker.lowerBound
        if let m = mentions.mention(covering: t) { t = mentions.tokenRange(m).lowerBound }
        t -= 1
        if t >= 0, view.lower[t] == "." { t -= 1 }
        guard t >= 0, CueLexicon.titles[view.lower[t]] != nil else { return nil }
        return view.lower[t]
    }

    /// A one-word name completed from a fuller one: "Sir Alan" (a knight goes by his first name) → the earlier
    /// "Alan Marsh"; "Rao" → "Vijay Rao". Earlier speakers first, then people named before.
    private func fullerPerson(_ name: String, title: String?, before token: Int) -> Resolution? {
        let parts = name.split(separator: " ")
        guard parts.count == 1, let word = parts.first else { return nil }
        let byFirstName = title == "sir" || title == "dame"
        // A full name of two words or more that ends (after Sir or Dame, starts) with the word. Compared as
        // UTF-8 bytes, without splitting: this runs for up to 400 people a quotation.
        let w = Array(word.utf8)
        func matches(_ full: String) -> Bool {
            var full = full
            return full.withUTF8 { f in
                guard f.count > w.count else { return false }
                return byFirstName ? f[w.count] == 0x20 && f.prefix(w.count).elementsEqual(w)
                    : f[f.count - w.count - 1] == 0x20 && f.suffix(w.count).elementsEqual(w)
            }
        }
        var i = previous.count - 1
        while i >= max(0, previous.count - Self.fullerNameWindow) {
            if previous[i].token < token, let n = previous[i].resolution.name, matches(n) {
                var r = previous[i].resolution
                r.via = "short-name"
                return r
            }
            i -= 1
        }
        if let m = mentions.lastPerson(before: token, gender: nil, quoted: quoted, where: { matches(mentions.entityName(of: $0) ?? self.text(mentions.tokenRange($0))) }) {
            var r = resolution(of: m)
            r.via = "short-name"
            return r
        }
        return nil
    }

    private func resolvePronoun(_ word: String, at token: Int, saying: ClosedRange<Int>? = nil) -> Resolution? {
        let gender: String? = ["he", "him", "his"].contains(word) ? "male" : ["she", "her"].contains(word) ? "female" : nil
        var r: Resolution?
        switch word {
        case "he", "she":
            let people = peopleTalkedAbout(in: saying)
            r = inFocus(at: token, gender: gender, person: true, talkedAbout: people)?.resolution
            if r == nil {
                // Nobody in focus: a person named earlier in the paragraph, else one of the same known gender nearby.
                let paragraphStart = view.paragraph[token] >= 0 ? view.paragraphTokens[view.paragraph[token]].lowerBound : 0
                let talkedAbout = { (m: Int) in mentions.mentions[m].entityID.map(people.contains) ?? false }
                if let m = mentions.lastPerson(before: token, from: paragraphStart, gender: gender, quoted: quoted, where: { !talkedAbout($0) }) {
                    r = resolution(of: m)
                } else if let m = mentions.lastPerson(before: token, from: focusStart(token), gender: gender, quoted: quoted,
                                                      where: { mentions.entity(of: $0)?.gender == gender && !talkedAbout($0) }) {
                    r = resolution(of: m)
                }
            }
        case "who", "which":
            // "Smith, who …, said": the phrase before the relative.
            var t = token - 1
            while t >= 0, view.lower[t] == "," { t -= 1 }
            if let m = mentions.mention(covering: t), mentions.isSpeakerLike(m) { r = resolution(of: m) }
        case "it", "they":
            // The later of the last organisation named and the last body that spoke («the firm denied … “…,” it said»).
            let group = mentions.lastGroup(before: token)
            let body = lastSpeaker(before: token, person: false, gender: nil)
            // A place named inside the body's own words («the firm denied it was leaving Iraq») is no speaker.
            if let b = body, (b.through ?? b.token) >= (group.map { mentions.tokenRange($0).lowerBound } ?? -1) {
                r = b.resolution
            } else if let m = group {
                r = resolution(of: m)
            } else {
                r = body?.resolution
            }
        case "i", "we":
            r = lastSpeaker(before: token, person: word == "i", gender: nil)?.resolution
        default:
            break
        }
        r?.via = word == "who" || word == "which" ? "relative" : "pronoun"
        return r
    }

    /// The first token of the paragraphs in focus at `token`.
    private func focusStart(_ token: Int) -> Int {
        let p = view.paragraph[token]
        guard p >= 0 else { return 0 }
        return view.paragraphTokens[max(0, p - Self.focusParagraphs)].lowerBound
    }

    /// The person in focus at `token`: the later of the last speaker and the last person standing as a
    /// sentence's subject, within the last few paragraphs, of a compatible gender. Nil when nobody is.
    /// `person`: for "he"/"she" the speaker must be a person; a quotation without a cue may continue a body's
    /// words too («“…,” the agency said. “…”»).
    /// `saying`: the quotation the focus is sought for; a person it names is talked about, not talking («Simon Taylor
    /// looks certain to get the call. “Simon Taylor is an outstanding player …”» is his coach). A body may name itself
    /// («A DNC spokeswoman said … “The DNC will not tolerate …”»).
    func inFocus(at token: Int, gender: String? = nil, person: Bool = false, saying: ClosedRange<Int>? = nil) -> Spoken? {
        inFocus(at: token, gender: gender, person: person, talkedAbout: peopleTalkedAbout(in: saying))
    }

    /// The same, with the people the quotation names already gathered (entity IDs of person mentions only, so a
    /// spokesperson resolved to the body she speaks for is never among them).
    private func inFocus(at token: Int, gender: String?, person: Bool, talkedAbout people: Set<String>) -> Spoken? {
        func named(_ id: String?) -> Bool { id.map(people.contains) ?? false }
        let start = focusStart(token)
        let speaker = lastSpeaker(before: token, person: person ? true : nil, gender: gender, speaking: true)
            .flatMap { $0.token >= start && !named($0.resolution.entityID) ? $0 : nil }
        // A subject takes the focus only in a sentence after the last speaker's attribution.
        let after = speaker.map { view.sentence[$0.speaker?.lowerBound ?? $0.token] } ?? -1
        if let m = mentions.lastPerson(before: token, from: max(start, speaker?.token ?? 0), gender: gender, quoted: quoted,
                                       where: { isSubject($0) && view.sentence[mentions.tokenRange($0).lowerBound] > after }),
           !named(mentions.mentions[m].entityID) {
            let r = mentions.tokenRange(m)
            return Spoken(resolution: resolution(of: m), speaker: r, token: r.lowerBound)
        }
        return speaker
    }

    /// The people a quotation names other than as its speaker («said Kessel» inside a quotation whose closing mark is
    /// missing attributes it), by entity: one pass over the quotation's tokens.
    private func peopleTalkedAbout(in saying: ClosedRange<Int>?) -> Set<String> {
        guard let saying else { return [] }
        var people = Set<String>()
        var t = max(0, saying.lowerBound)
        let end = min(view.count - 1, saying.upperBound)
        while t <= end {
            guard let m = mentions.mention(covering: t) else { t += 1; continue }
            let r = mentions.tokenRange(m)
            if mentions.mentions[m].label == .person, let id = mentions.mentions[m].entityID,
               !CueLexicon.speech.contains(view.lower[max(0, r.lowerBound - 1)]),
               r.upperBound >= view.count || !CueLexicon.speech.contains(view.lower[r.upperBound]) {
                people.insert(id)
            }
            t = max(t + 1, r.upperBound)
        }
        return people
    }

    /// Whether a mention is the subject of its sentence: nothing but titles before it («Environment
    /// Minister John Hale said»), or an opening adverbial and a comma («On Friday, Mary Otieno opened …»).
    /// British news puts a role in lower case before the name («Tory co-chairman Liam Fox», «Wenger's Bayern
    /// counterpart Felix Magath»): up to three lower-case words after a capitalized word, none a verb or a
    /// link word, still lead to the subject; the name they lead to is the subject, not the one they modify.
    private func isSubject(_ m: Int) -> Bool {
        let range = mentions.tokenRange(m)
        let first = range.lowerBound
        let s = view.sentence[first]
        guard s >= 0 else { return false }
        var t = view.sentenceTokens[s].lowerBound
        if let comma = (t..<first).last(where: { view.lower[$0] == "," }), first - comma == 1, comma - t <= 6 { return true }
        let sentenceStart = t
        var roleWords = 0, sawComma = false
        while t < first {
            if view.isCapitalized(t) || !view.isWord(t) && QuoteMarks.doubleRole(view, t) == nil {
                if view.lower[t] == "," { sawComma = true }
                t += 1
            } else if t > sentenceStart, !sawComma, roleWords < 3, isRoleWord(t),
                      !isVerbAfterName(t) {
                roleWords += 1
                t += 1
            } else {
                return invertedAfterCue(first, sentenceStart: sentenceStart)
            }
        }
        // «Wenger's Bayern counterpart Felix Magath was …»: a name followed by more of the subject modifies it.
        var k = range.upperBound
        while k < view.count, k - range.upperBound < 4, view.sentence[k] == s, view.isWord(k) || view.lower[k] == "’s" || view.lower[k] == "'s" {
            if let other = mentions.mention(covering: k), other != m, mentions.mentions[other].label == .person { return false }
            guard view.isCapitalized(k) || (isRoleWord(k) && !isVerbAfterName(k)) || !view.isWord(k) else { break }
            k += 1
        }
        return true
    }

    /// «Not least, said Paul King, principal consultant at Cisco, because …»: the name after a speech verb that
    /// opens its sentence or follows a comma is that verb's subject, inverted (up to three role words between:
    /// «said chief executive Ann Hale»).
    private func invertedAfterCue(_ first: Int, sentenceStart: Int) -> Bool {
        var t = first - 1
        while t > sentenceStart, first - t <= 3, isRoleWord(t) || view.isCapitalized(t) && CueLexicon.titles[view.lower[t]] != nil { t -= 1 }
        guard t >= sentenceStart, CueLexicon.speech.contains(view.lower[t]), !view.lower[t].hasSuffix("ing"),
              !view.isCapitalized(t) || t == sentenceStart, t == sentenceStart || view.lower[t - 1] == "," else { return false }
        // «, said Paul King, a consultant,» or «, said Paul King.»; not «, saying Gallas overreacted».
        guard let m = mentions.mention(covering: first) else { return false }
        let after = mentions.tokenRange(m).upperBound
        return after >= view.count || view.sentence[after] != view.sentence[first] || [",", "(", "."].contains(view.lower[after])
    }

    /// «US coach Patrick McEnroe wants Roddick …»: a present verb right after a person's name; the name after it
    /// is its object. «Wenger's Bayern counterpart Felix Magath» holds a role.
    private func isVerbAfterName(_ t: Int) -> Bool { mentions.isVerbAfterName(view.lower[t], at: t) }

    /// A lower-case word that may stand in a role before a name («co-chairman», «political editor»): no verb
    /// form, link word or pronoun.
    private func isRoleWord(_ t: Int) -> Bool {
        guard view.isWord(t), !view.isCapitalized(t) else { return false }
        let w = view.lower[t]
        guard w.utf8.count > 2, !CueLexicon.clauseWords.contains(w), !CueLexicon.pronouns.contains(w),
              !CueLexicon.speech.contains(w), !CueLexicon.reporting.contains(w), !CueLexicon.beForms.contains(w),
              !CueLexicon.determiners.contains(w), !CueLexicon.adverbs.contains(w) else { return false }
        return !(w.hasSuffix("ed") || w.hasSuffix("ing") || w.hasSuffix("ly"))
    }

    /// The last speaker before `token`: a person (`person` true), a body (false) or either (nil).
    private func lastSpeaker(before token: Int, person: Bool?, gender: String?, speaking: Bool = false) -> Spoken? {
        // The recent speakers only, so a document of thousands of quotations stays linear.
        for p in previous.suffix(Self.fullerNameWindow).reversed() where p.token < token && !(speaking && p.isEvidence) {
            if person == nil || p.resolution.isPerson == person || mentions.isEmpty,
               gender == nil || p.resolution.gender == nil || p.resolution.gender == gender {
                return p
            }
        }
        return nil
    }

    /// «the prime minister» is not «Deputy Prime Minister John Prescott», nor «the home secretary» the shadow
    /// one: a person whose role (or the words right before the name) holds a qualifier the description lacks.
    private func qualified(_ m: Int, beyond words: [String]) -> Bool {
        var role = mentions.roleWords(m)
        let first = mentions.tokenRange(m).lowerBound
        var t = first - 1
        while t >= 0, first - t <= 6, view.sentence[t] == view.sentence[first], view.isWord(t) {
            role.append(view.lower[t])
            t -= 1
        }
        return role.contains { SpeakerResolver.qualifiers.contains($0) && !words.contains($0) }
    }

    private static let qualifiers: Set<String> = ["deputy", "shadow", "vice", "former", "junior", "assistant", "acting", "ex", "under"]

    /// Whether the words just before a person's name in its sentence hold `word`: «The Archbishop of
    /// Wexford, Peter Lund,» is the archbishop.
    /// Only names and their links («of Wexford», a comma) may stand between the word and the name, so «the
    /// motion tabled by Tony Lloyd» does not make him the motion.
    private func described(_ m: Int, by word: String) -> Bool {
        let first = mentions.tokenRange(m).lowerBound
        var t = first - 1
        while t >= 0, first - t <= 6, view.sentence[t] == view.sentence[first] {
            if view.lower[t] == word { return true }
            guard view.isCapitalized(t) || ["of", "for", "the", ",", "’s", "'s"].contains(view.lower[t]) else { return false }
            t -= 1
        }
        return false
    }

    private func resolution(of m: Int) -> Resolution {
        let mention = mentions.mentions[m]
        let r = mentions.tokenRange(m)
        if let e = mentions.entity(of: m) {
            var name = e.label == .person ? SpeakerResolver.withoutTitles(e.name) : e.name
            if e.label == .person, !name.contains(" "), let peer = peerage(before: r.lowerBound) { name = peer + " " + name }
            return Resolution(entityID: e.id, name: name, isPerson: e.label == .person, gender: e.gender)
        }
        var name = r.isEmpty ? nil : text(r)
        if mention.label == .person, let n = name, !n.contains(" ") {
            // «Betty Boothroyd … Baroness Boothroyd said»: a name found by its title alone completes to the fuller one.
            if let fuller = fullerPerson(n, title: title(before: r), before: r.lowerBound) { return fuller }
            if let peer = peerage(before: r.lowerBound) { name = peer + " " + n }
        }
        return Resolution(entityID: mention.entityID, name: name, isPerson: mention.label == .person)
    }

    /// A peer's title written right before a one-word name, as written ("Lord" of «Lord Falconer»): a peer is
    /// known by title and name, so «Lord Falconer said» is "Lord Falconer", not "Falconer". Nil for other titles.
    private func peerage(before token: Int) -> String? {
        let t = token - 1
        guard t >= 0, view.sentence[t] == view.sentence[token], CueLexicon.peerages.contains(view.lower[t]) else { return nil }
        return text(t..<token)
    }

    /// The owner of an utterance: "Her" of «Her advice», "the committee" of «the committee's report».
    private func owner(of speaker: Range<Int>) -> Range<Int>? {
        guard speaker.count >= 2 else { return nil }
        let possessive = CueLexicon.possessives[view.lower[speaker.lowerBound]] != nil ? speaker.lowerBound
            : speaker.first(where: { view.lower[$0] == "’s" || view.lower[$0] == "'s" || view.lower[$0] == "’" })
        guard let p = possessive, speaker[(p + 1)...].prefix(3).contains(where: { CueLexicon.utterances.contains(view.lower[$0]) })
        else { return nil }
        return p == speaker.lowerBound ? p..<(p + 1) : speaker.lowerBound..<p
    }

    /// The head word of a description: its last word before "for", "of", "at" or "from" («a spokesman for the
    /// BPI» → "spokesman»).
    static func head(of words: [String]) -> String {
        let cut = words.firstIndex(where: { ["for", "of", "at", "from"].contains($0) }) ?? words.count
        return words[..<cut].last ?? ""
    }

    /// A person's name without the titles before it: "MP Jane Okello" → "Jane Okello"; a role in lower case
    /// caught in the name goes with everything before it ("Tory co-chairman Liam Fox" → "Liam Fox"), name
    /// links aside ("Charles de Gaulle").
    static func withoutTitles(_ name: String) -> String {
        var words = name.split(separator: " ")
        if let role = words.lastIndex(where: { w in w.first.map { $0.isLowercase } == true && !nameLinks.contains(String(w)) }),
           role + 1 < words.count, words[(role + 1)...].allSatisfy({ $0.first?.isUppercase == true }) {
            words.removeFirst(role + 1)
        }
        // «US Treasury Secretary John Snow», «Tory MP Nigel Waterson»: what comes before a title is part of the role.
        if words.count > 2, let title = words[..<(words.count - 2)].lastIndex(where: {
            CueLexicon.titles[$0.lowercased()] != nil && !CueLexicon.peerages.contains($0.lowercased()) }) {
            words.removeFirst(title + 1)
        }
        // «John Hale MP»: letters after the name.
        while words.count > 2, let last = words.last, last.allSatisfy({ $0.isUppercase }),
              CueLexicon.postNominals.contains(last.lowercased()) { words.removeLast() }
        // «fellow Tory David Heathcoat-Amory»: a party before a full name.
        while words.count > 2, SpeakerResolver.parties.contains(words[0].lowercased()) { words.removeFirst() }
        return words.count == name.split(separator: " ").count ? name : words.joined(separator: " ")
    }

    private static let parties: Set<String> = ["tory", "labour", "conservative", "liberal", "democrat", "democratic", "republican",
                                               "green", "ukip", "snp", "us", "uk", "eu"]

    private static let nameLinks: Set<String> = ["of", "de", "al", "bin", "van", "von", "der", "den", "la", "le", "du", "del", "da",
                                                 "dos", "das", "ibn", "y", "di", "ter", "zu", "al-", "el"]

    private func text(_ r: Range<Int>) -> String {
        String(decoding: view.bytes[view.span(r.lowerBound, r.upperBound - 1).range], as: UTF8.self)
    }

    /// How many earlier speakers "Rao" is looked up in for "Vijay Rao": far more than an article quotes; the
    /// recent ones only, as scanning all made a document of thousands of quotations quadratic.
    static let fullerNameWindow = 500
}
