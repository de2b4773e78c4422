import PipelineKit

/// How the trained model and the rules share the work.
///
/// The rules keep what they are good at: numbers, dates, money, percentages (priority 2), user lexicons and
/// patterns (priority 3), titles and roles (attributes of a PERSON), acronym definitions, and the finer
/// place labels (GPE, LOC, FAC). The model decides which tokens are PERSON, ORG, LOC or NORP names, and
/// where each name begins and ends, lexicon names included: the lexicons reach the model as features, not
/// as overrides (letting a lexicon name replace the model's names cost 0.7-3 points of held-out F1 once the
/// model was decoded by Viterbi; docs/processors/extract-entities.md). Rule names the model does not confirm
/// are dropped; a model name overlapping a number, date or user rule gives way.
///
/// ```swift
/// let chosen = ModelCombination(view: view, model: model).combine(ExtractEntities.ruleCandidates(doc, view: view, rules: nil))
/// ```
struct ModelCombination {
    let view: EntityTokens
    let model: EntityModel

    static let nameLabels: Set<EntityLabel> = [.person, .org, .gpe, .loc, .fac, .norp, NameRecognizer.unknownLabel]

    func combine(_ rules: [Candidate]) -> [Candidate] {
        let features = TokenFeatures(view: view, rules: rules.map { ($0.lo, $0.hi, $0.label) })
        let spans = model.tags.decode(model.tag(features))
        var fixed = [Bool](repeating: false, count: view.count)   // tokens of numbers, dates and user rules
        for c in rules where c.priority >= 2 { for k in c.lo..<c.hi { fixed[k] = true } }
        var named = [Bool](repeating: false, count: view.count)   // tokens the model calls a name
        var out = rules.filter { $0.priority >= 2 }
        var ruleAt: [Int: Int] = [:]                              // rule name candidates by first token
        for (k, c) in rules.enumerated() where c.priority < 2 && Self.nameLabels.contains(c.label) { ruleAt[c.lo] = k }

        for var s in spans {
            let label = model.tags.labels[s.label]
            guard label != "MISC", !(s.lo..<s.hi).contains(where: { fixed[$0] }) else { continue }
            // «A Department for Education spokeswoman»: an article opening an organisation's name is no part of it. Not
            // a person's: «A Hazell» in a team line-up is an initial, and the "A" of «@A_ScottBerg» is no word.
            if label != "PERSON", s.hi - s.lo > 1, Self.articles.contains(view.lower(s.lo)), view.end(s.lo) < view.start(s.lo + 1) {
                s.lo += 1
            }
            // «won an Oscar.», «a Frenchman in Paris»: a person's name takes no article, a thing or a people does; «a
            // Jones goal», «an O'Gara penalty» name the person in front of the noun the article belongs to.
            if label == "PERSON", s.hi - s.lo == 1, s.lo > 0, view.isLower(s.lo - 1), Self.articles.contains(view.lower(s.lo - 1)),
               s.hi == view.count || !(view.isWord(s.hi) && view.isLower(s.hi)) || Self.nameFollowers.contains(view.lower(s.hi)) {
                continue
            }
            // «Tory co-chairman Liam Fox»: a lower-case word inside a person's span ends a role before the name, which
            // the rules keep as the mention's role (the span alone would make «Tory» a name of Liam Fox).
            var role: String? = nil
            if label == "PERSON", let cut = (s.lo..<s.hi).last(where: { view.isWord($0) && view.isLower($0) && !Self.nameLinks.contains(view.lower($0)) }),
               cut + 1 < s.hi, view.isCapitalized(cut + 1) {
                role = String(decoding: view.bytes[view.start(s.lo)..<view.end(cut)], as: UTF8.self)
                s.lo = cut + 1
            }
            for k in s.lo..<s.hi { named[k] = true }
            var c: Candidate
            if let k = ruleAt[s.lo], rules[k].hi == s.hi {
                c = rules[k]                                      // same span: keep title, role, alias, gender
            } else {
                c = Candidate(lo: s.lo, hi: s.hi, view: view, label: .org, priority: 1)
                // A rule PERSON over the same tokens still knows the title in front ("Maj. Gen.").
                if label == "PERSON", let r = rules.first(where: { $0.label == .person && $0.lo < s.hi && s.lo < $0.hi }) {
                    c.attributes = r.attributes
                    c.titleGender = r.titleGender
                }
            }
            if let role, c.attributes["role"] == nil { c.attributes["role"] = role }
            c.label = finer(label, c)
            if label == "LOC", let k = ruleAt[s.lo], rules[k].hi == s.hi, endsInOrganizationWord(rules[k]) { c.label = .org }
            c.guessed = false
            out.append(c)
        }
        // Other named things the rules found (events, products, laws), acronym definitions and organizations
        // by their last word stay where the model saw no name.
        for c in rules where c.priority < 2 && !(c.lo..<c.hi).contains(where: { named[$0] || fixed[$0] }) {
            if !Self.nameLabels.contains(c.label) || c.aliasOf != nil || endsInOrganizationWord(c) {
                out.append(c)
                for k in c.lo..<c.hi { named[k] = true }
            }
        }
        return out.sorted { $0.start < $1.start }
    }

    static let articles = WordTables.set(["a", "an"])
    /// Words after «an Oscar» that end its phrase: what follows the name is no noun it modifies.
    static let nameFollowers = WordTables.set(["for", "in", "at", "on", "but", "with", "from", "as", "to", "last", "this", "next"])

    /// Lower-case words that belong inside a person's name («Ludwig van Beethoven», «Osama bin Laden»). Narrower than
    /// `NameRecognizer`'s connectors, which also join organisations («Minister for Health John Smith» is a role).
    static let nameLinks = WordTables.set(["de", "van", "von", "bin", "al", "da", "la", "le", "der", "den", "du", "del", "dos", "das",
                                           "ibn", "y", "di", "ter", "zu", "el", "of"])

    /// A rule organization ending in a capitalized organization word ("Quds Force", "Heritage Foundation"):
    /// one the model calls a place was misled by the place name inside ("Quds"), and one it missed is kept.
    /// Both were measured on the held-out folds (docs/processors/extract-entities.md); the seed article needs them.
    func endsInOrganizationWord(_ c: Candidate) -> Bool {
        c.label == .org && !c.guessed && view.isCapitalized(c.hi - 1) && view.lexicons.orgWords.contains(view.hash(c.hi - 1))
    }

    /// The model says LOC; the rules and lexicons say which kind (GPE, LOC, FAC).
    func finer(_ label: String, _ c: Candidate) -> EntityLabel {
        switch label {
        case "PERSON": return .person
        case "ORG": return .org
        case "NORP": return .norp
        default:
            if [.gpe, .loc, .fac].contains(c.label) { return c.label }
            if let l = view.lexicons.gazetteer[view.phraseHash(c.lo, c.hi)], [.gpe, .loc, .fac].contains(l) { return l }
            if let l = view.lexicons.locWords[view.hash(c.hi - 1)] { return l }
            return .gpe
        }
    }
}
