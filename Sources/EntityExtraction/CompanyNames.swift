import PipelineKit

/// «Russian oil firm Yukos», «gas giant Gazprom», «research firm Gartner»: news introduces a company by a lower-case
/// noun for what it is, right before its name. The model reads a lone unknown capitalized word in subject position
/// as a person ("Yukos said …"), and one sense holds per document: once a name stands after such a noun, its other
/// mentions are the company too.
///
/// ```swift
/// CompanyNames.relabel(&chosen, view: view)   // after the model, before linking
/// ```
enum CompanyNames {
    /// What a company is called right before its name. Not the nouns that precede a person as often («producer Andi
    /// Peters», «money lender Shylock», «rival», «partner», «developer», «publisher»).
    private static let companyNouns = WordTables.set([
        "firm", "company", "giant", "maker", "carmaker", "chipmaker", "automaker", "drugmaker", "conglomerate",
        "group", "bank", "insurer", "retailer", "airline", "carrier", "manufacturer", "broadcaster", "network",
        "label", "chain", "supermarket", "website", "site", "portal", "start-up", "startup", "consultancy", "subsidiary",
    ])

    static func relabel(_ candidates: inout [Candidate], view: EntityTokens) {
        var companies = HashSet64()
        for c in candidates where c.label == .person || c.label == .gpe || c.label == .norp {
            // The noun is a lower-case word right before the name («oil firm Yukos»), not part of a name («Royal Bank»).
            guard c.lo > 0, view.isWord(c.lo - 1), !view.isCapitalized(c.lo - 1), companyNouns.contains(view.lower(c.lo - 1))
            else { continue }
            // «the giant US budget deficit»: a known place is a modifier there, not a company.
            if c.label != .person, view.lexicons.gazetteer[view.phraseHash(c.lo, c.hi)] != nil { continue }
            // «the firm John Smith founded», «the company Mr Jobs started»: a person's name after the noun.
            if (c.lo..<c.hi).contains(where: { view.lexicons.firstNames[view.hash($0)] != nil || view.lexicons.titles[view.hash($0)] != nil }) {
                continue
            }
            companies.insert(view.phraseHash(c.lo, c.hi))
        }
        guard !companies.isEmpty else { return }
        for k in candidates.indices where [.person, .gpe, .norp].contains(candidates[k].label)
            && companies.contains(view.phraseHash(candidates[k].lo, candidates[k].hi)) {
            candidates[k].label = .org
        }
    }
}
