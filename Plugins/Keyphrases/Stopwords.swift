/// English function words and the reporting verbs of news copy, which cut RAKE candidates.
///
/// Written for this project (common determiners, pronouns, auxiliaries, prepositions, conjunctions and
/// adverbs, plus "said"/"told"-type verbs that news stories repeat); extend it per step with `stopwords:`.
enum Stopwords {
    static let english: Set<String> = Set("""
        a about above across after afterwards again against ago all almost alone along already also although always
        am among amongst an and another any anybody anyone anything anyway anywhere are around as at back be became
        because become becomes been before beforehand behind being below beside besides between beyond both but by
        can cannot could did do does doing done down during each eight either else elsewhere enough etc even ever
        every everyone everything everywhere except few fifteen fifty first five for former formerly forty four from
        further had has have having he hence her here hereafter hereby herein hers herself him himself his how however
        hundred i if in indeed instead into is it its itself just last later latter least less like made make many
        may me meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless
        new next nine no nobody none nor not nothing now nowhere of off often on once one only onto or other others
        otherwise our ours ourselves out over own per perhaps put quite rather re really same second see seem seemed
        seeming seems several she should since six so some somehow someone something sometime sometimes somewhere
        still such ten than that the their theirs them themselves then thence there thereafter thereby therefore
        therein these they third this those though three through throughout thru thus to together too toward towards
        twelve twenty two under until up upon us very via was we well were what whatever when whence whenever where
        whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom
        whose why will with within without would yet you your yours yourself yourselves
        mr mrs ms dr said says say saying told tell tells added adding asked according also including include
        includes included get gets got going go goes went come comes came take takes took want wants wanted use used
        year years month months week weeks day days time times today yesterday tomorrow monday tuesday wednesday
        thursday friday saturday sunday
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
