import Foundation
import PipelineKit

/// VADER's rules (Hutto & Gilbert 2014) over a list of words, ported from vaderSentiment 3.3.2:
/// lexicon valence, boosters and dampeners within three words, negation within three words ("not",
/// "never", "n't", "no"), ALL-CAPS emphasis, "least", contrast after "but", and "!"/"?" emphasis.
/// Left out: emoji descriptions and the slang idioms ("the bomb"), rare in news copy.
///
/// ```swift
/// let vader = Vader(lexicon: try Vader.loadLexicon())
/// let s = vader.score(["not", "very", "good"], exclamations: 0, questions: 0)   // compound < 0
/// ```
public struct Vader: Sendable {
    public struct Scores: Codable, Sendable, Equatable {
        /// -1 (most negative) to +1 (most positive).
        public var compound: Double
        /// Shares of the sentence's sentiment mass; they sum to 1 when there are words.
        public var positive: Double
        public var negative: Double
        public var neutral: Double
    }

    let lexicon: [String: Double]

    public init(lexicon: [String: Double]) { self.lexicon = lexicon }

    static let boosterIncrement = 0.293
    static let capsIncrement = 0.733
    static let negationScalar = -0.74

    static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
        "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
        "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt",
        "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt",
        "won't", "wouldn't", "rarely", "seldom", "despite",
    ]

    static let boosters: [String: Double] = {
        let up = """
            absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous \
            enormously entirely especially exceptional exceptionally extreme extremely fabulously flipping flippin \
            frackin fracking fricking frickin frigging friggin fully fuckin fucking fuggin fugging greatly hella highly \
            hugely incredible incredibly intensely major majorly more most particularly purely quite really remarkably \
            so substantially thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly very
            """
        let down = """
            almost barely hardly kinda kindof kind-of less little marginal marginally occasional occasionally partly \
            scarce scarcely slight slightly somewhat sorta sortof sort-of
            """
        var table: [String: Double] = [:]
        for w in up.split(separator: " ") { table[String(w)] = boosterIncrement }
        for w in down.split(separator: " ") { table[String(w)] = -boosterIncrement }
        return table
    }()

    /// Scores one sentence or quote given its words in order (clitics already joined: "don't").
    public func score(_ words: [String], exclamations: Int, questions: Int) -> Scores {
        // Curly apostrophes as in the lexicon ("don't"); most words have none, so look before replacing.
        let lower = words.map { word -> String in
            let l = word.lowercased()
            return l.utf8.contains(0xE2) ? l.replacingOccurrences(of: "’", with: "'") : l
        }
        let capsDiffer: Bool = {
            let caps = words.filter(Self.isAllCaps).count
            return caps > 0 && caps < words.count
        }()
        var sentiments: [Double] = []
        for i in words.indices {
            if Self.boosters[lower[i]] != nil || (lower[i] == "kind" && i + 1 < words.count && lower[i + 1] == "of") {
                sentiments.append(0)
                continue
            }
            sentiments.append(valence(at: i, words: words, lower: lower, capsDiffer: capsDiffer))
        }
        // "but": what comes after it counts more than what came before.
        if let but = lower.firstIndex(of: "but") {
            for i in sentiments.indices where i != but { sentiments[i] *= i < but ? 0.5 : 1.5 }
        }
        return Self.combine(sentiments, exclamations: exclamations, questions: questions)
    }

    private func valence(at i: Int, words: [String], lower: [String], capsDiffer: Bool) -> Double {
        guard let base = lexicon[lower[i]] else { return 0 }
        var valence = base
        if lower[i] == "no", i + 1 < words.count, lexicon[lower[i + 1]] != nil { valence = 0 }
        if (i > 0 && lower[i - 1] == "no") || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && ["or", "nor"].contains(lower[i - 1])) {
            valence = base * Self.negationScalar
        }
        if capsDiffer, Self.isAllCaps(words[i]) { valence += valence > 0 ? Self.capsIncrement : -Self.capsIncrement }
        for back in 0..<3 where i > back && lexicon[lower[i - back - 1]] == nil {
            let j = i - back - 1
            var scalar = 0.0
            if let b = Self.boosters[lower[j]] {
                scalar = valence < 0 ? -b : b
                if capsDiffer, Self.isAllCaps(words[j]) { scalar += valence > 0 ? Self.capsIncrement : -Self.capsIncrement }
            }
            if back == 1 { scalar *= 0.95 }
            if back == 2 { scalar *= 0.9 }
            valence += scalar
            valence = negationCheck(valence, lower: lower, back: back, i: i)
        }
        // "least": "least good" flips, "at least" and "very least" do not.
        if i > 0, lower[i - 1] == "least", lexicon[lower[i - 1]] == nil {
            if i == 1 || (lower[i - 2] != "at" && lower[i - 2] != "very") { valence *= Self.negationScalar }
        }
        return valence
    }

    private func negationCheck(_ valence: Double, lower: [String], back: Int, i: Int) -> Double {
        func negated(_ w: String) -> Bool { Self.negations.contains(w) || w.contains("n't") }
        switch back {
        case 0:
            return negated(lower[i - 1]) ? valence * Self.negationScalar : valence
        case 1:
            if lower[i - 2] == "never", lower[i - 1] == "so" || lower[i - 1] == "this" { return valence * 1.25 }
            if lower[i - 2] == "without", lower[i - 1] == "doubt" { return valence }
            return negated(lower[i - 2]) ? valence * Self.negationScalar : valence
        default:
            if (lower[i - 3] == "never" && (lower[i - 2] == "so" || lower[i - 2] == "this"))
                || lower[i - 1] == "so" || lower[i - 1] == "this" { return valence * 1.25 }
            if lower[i - 3] == "without", lower[i - 2] == "doubt" || lower[i - 1] == "doubt" { return valence }
            return negated(lower[i - 3]) ? valence * Self.negationScalar : valence
        }
    }

    static func combine(_ sentiments: [Double], exclamations: Int, questions: Int) -> Scores {
        guard !sentiments.isEmpty else { return Scores(compound: 0, positive: 0, negative: 0, neutral: 0) }
        let emphasis = Double(min(exclamations, 4)) * 0.292
            + (questions > 1 ? (questions <= 3 ? Double(questions) * 0.18 : 0.96) : 0)
        var sum = sentiments.reduce(0, +)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = max(-1, min(1, sum / (sum * sum + 15).squareRoot()))
        var pos = 0.0, neg = 0.0, neutral = 0.0
        for s in sentiments {
            if s > 0 { pos += s + 1 } else if s < 0 { neg += s - 1 } else { neutral += 1 }
        }
        if pos > abs(neg) { pos += emphasis } else if pos < abs(neg) { neg -= emphasis }
        let total = pos + abs(neg) + neutral
        func r(_ x: Double, _ places: Double) -> Double { (x * places).rounded() / places }
        return Scores(compound: r(compound, 10_000), positive: r(abs(pos / total), 1000),
                      negative: r(abs(neg / total), 1000), neutral: r(abs(neutral / total), 1000))
    }

    /// Python's `str.isupper()`: some cased letter, none lower-case.
    static func isAllCaps(_ word: String) -> Bool {
        var cased = false
        for scalar in word.unicodeScalars {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { cased = true }
        }
        return cased
    }

    /// Reads `token<TAB>valence` lines (comments start with "#").
    public static func parseLexicon(_ text: String) -> [String: Double] {
        var table: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            if parts.count >= 2, let v = Double(parts[1]) { table[String(parts[0])] = v }
        }
        return table
    }

    /// The bundled VADER lexicon (Data/README.md names its source and license), read once per process.
    public static func loadLexicon() throws -> [String: Double] {
        try bundled.get()
    }

    private static let bundled: Result<[String: Double], Error> = Result {
        let url = try ModuleResources(module: "Sentiment").folder("vader_lexicon.tsv", source: "Data/vader_lexicon.tsv")
        return parseLexicon(try String(contentsOf: url, encoding: .utf8))
    }
}
