import PipelineKit

/// Who a speaker phrase refers to: the entity of a name it contains, the person a pronoun ("he") or a
/// description ("the general") points back to, or, without an entity layer, the name as written.
///
/// ```swift
/// var resolver = SpeakerResolver(view: view, mentions: mentions)
/// let who = resolver.resolve(speakerTokens, at: quoteStart)   // ("e3", "Qassim Soleimani", nil)
/// resolver.remember(who, at: quoteStart)                       // the previous speaker for the next "he"
/// ```
struct SpeakerResolver {
    struct Resolution {
        var entityID: String?
        var name: String?
        var isPerson: Bool
        var gender: String?
        /// How it was found when not by name: "pronoun", "description", "relative".
        var via: String?
    }

    let view: QuoteTokens
    let mentions: MentionIndex
    /// Speakers already resolved, with the token where their quote began.
    private var previous: [(resolution: Resolution, token: Int)] = []

    init(view: QuoteTokens, mentions: MentionIndex) {
        self.view = view
        self.mentions = mentions
    }

    mutating func remember(_ r: Resolution?, at token: Int) {
        guard let r, r.name != nil || r.entityID != nil else { return }
        previous.append((r, token))
    }

    func resolve(_ speaker: Range<Int>, at token: Int) -> Resolution? {
        let words = speaker.map { view.lower[$0] }
        if words.count == 1, CueLexicon.pronouns.contains(words[0]) {
            return resolvePronoun(words[0], at: speaker.lowerBound)
        }
        if let m = mentions.speakerMentions(in: speaker).first {
            return resolution(of: m)
        }
        // «Its president, Tomas Varga, warned that …»: a description followed by the person's name.
        if let first = words.first, CueLexicon.determiners.contains(first), speaker.upperBound < token,
           let m = mentions.speakerMentions(in: speaker.upperBound..<min(token, speaker.upperBound + 8))
               .first(where: { mentions.mentions[$0].label == .person }) {
            var r = resolution(of: m)
            r.via = "appositive"
            return r
        }
        if let first = words.first, (first == "the" || first == "this"), !speaker.dropFirst().contains(where: { view.isCapitalized($0) }) {
            // "the minister": the last person whose title or role says so ("Transport Minister Alan Whitcombe").
            if words.count >= 2, let head = words.last, let m = mentions.lastPerson(before: speaker.lowerBound, withRoleWord: head) {
                var r = resolution(of: m)
                r.via = "description"
                return r
            }
            // "the authority's own study" names a thing, not a person who spoke.
            if words.contains(where: { $0 == "’s" || $0 == "'s" }) { return nil }
            // "the general", "the outspoken officer": the last person who spoke or was named.
            if var r = lastSpeaker(before: token, person: true, gender: nil) ?? lastPersonMention(before: speaker.lowerBound, gender: nil) {
                r.via = "description"
                return r
            }
            return nil
        }
        if speaker.contains(where: { view.isCapitalized($0) }) {
            let text = String(decoding: view.bytes[view.span(speaker.lowerBound, speaker.upperBound - 1).range], as: UTF8.self)
            return fullerName(text, before: speaker.lowerBound)
        }
        return nil
    }

    private func resolvePronoun(_ word: String, at token: Int) -> Resolution? {
        let gender: String? = ["he", "him", "his"].contains(word) ? "male" : ["she", "her"].contains(word) ? "female" : nil
        var r: Resolution?
        switch word {
        case "he", "she":
            let paragraphStart = view.paragraph[token] >= 0 ? view.paragraphTokens[view.paragraph[token]].lowerBound : 0
            if let m = mentions.lastPerson(before: token, from: paragraphStart, gender: gender) {
                r = resolution(of: m)
            } else {
                r = lastSpeaker(before: token, person: true, gender: gender) ?? lastPersonMention(before: token, gender: gender)
            }
        case "who", "which":
            // "Smith, who …, said": the phrase before the relative.
            var t = token - 1
            while t >= 0, view.lower[t] == "," { t -= 1 }
            if let m = mentions.mention(covering: t), mentions.isSpeakerLike(m) { r = resolution(of: m) }
        case "it", "they":
            if let m = mentions.lastGroup(before: token) { r = resolution(of: m) }
            else { r = lastSpeaker(before: token, person: false, gender: nil) }
        case "i", "we":
            r = lastSpeaker(before: token, person: word == "i", gender: nil)
        default:
            break
        }
        r?.via = word == "who" || word == "which" ? "relative" : "pronoun"
        return r
    }

    private func lastSpeaker(before token: Int, person: Bool, gender: String?) -> Resolution? {
        for p in previous.reversed() where p.token < token {
            if p.resolution.isPerson == person || mentions.isEmpty,
               gender == nil || p.resolution.gender == nil || p.resolution.gender == gender {
                return p.resolution
            }
        }
        return nil
    }

    private func lastPersonMention(before token: Int, gender: String?) -> Resolution? {
        mentions.lastPerson(before: token, gender: gender).map(resolution(of:))
    }

    private func resolution(of m: Int) -> Resolution {
        let mention = mentions.mentions[m]
        if let e = mentions.entity(of: m) {
            return Resolution(entityID: e.id, name: e.name, isPerson: e.label == .person, gender: e.gender)
        }
        let r = mentions.tokenRange(m)
        let name = r.isEmpty ? nil : String(decoding: view.bytes[view.span(r.lowerBound, r.upperBound - 1).range], as: UTF8.self)
        return Resolution(entityID: mention.entityID, name: name, isPerson: mention.label == .person)
    }

    /// Without an entity layer: "Soleimani" becomes the earlier, fuller "Qassim Soleimani" when a previous
    /// speaker's name ends with it.
    /// How many earlier speakers "Smith" is looked up in for "John Smith": far more than an article quotes.
    static let fullerNameWindow = 500

    private func fullerName(_ text: String, before token: Int) -> Resolution {
        let last = text.split(separator: " ").last.map(String.init) ?? text
        // The recent speakers only: scanning all of them made a document of thousands of quotations quadratic.
        for p in previous.suffix(Self.fullerNameWindow).reversed() {
            if let n = p.resolution.name, n != text, n.hasSuffix(" " + last) { return p.resolution }
        }
        return Resolution(entityID: nil, name: text, isPerson: true)
    }
}
