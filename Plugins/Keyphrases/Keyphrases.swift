import PipelineKit

/// `keyphrases`: the phrases a story is about, by RAKE (Rose et al. 2010, "Automatic keyword extraction
/// from individual documents") over the token and sentence layers `parse` provides.
///
/// Runs are maximal sequences of word tokens inside one sentence, cut at stopwords, punctuation, numbers
/// and clitics. A word scores degree/frequency (summed lengths of the runs it is in, over how often it
/// occurs), as in RAKE. Candidates are the runs of up to `max_words` words, plus their sub-phrases of two
/// or more words that occur at least twice ("interest rates" inside "raised interest rates" and "higher
/// interest rates"). A phrase scores the sum of its word scores times its occurrences: news stories repeat
/// what they are about, which plain RAKE ignores. Writes the `keyphrases` layer (`LayerKey.keyphrases`:
/// best first, each with its score, count and every occurrence) and `metadata.keyphrases` (the texts).
///
/// ```yaml
/// - uses: keyphrases
///   with: { count: 8, max_words: 3 }
/// ```
public struct Keyphrases: Processor {
    public struct Options: ProcessorOptions {
        @Option("How many phrases to keep, best first.")
        public var count = 10
        @Option("Longest phrase in words; longer runs are not candidates.")
        public var maxWords = 4
        @Option("Shortest phrase in characters.")
        public var minCharacters = 3
        @Option("Keep only phrases seen at least this often in the document.")
        public var minOccurrences = 1
        @Option("Extra words that cut phrases (added to the built-in English list), e.g. the publisher's name.")
        public var stopwords: [String] = []

        public init() {}
    }

    public static let name = "keyphrases"
    public static let summary = "Ranks the key phrases of each document (RAKE over tokens and sentences) [plugin]."
    public static let requires: [LayerName] = [.sentences, .tokens]
    public static let provides: [LayerName] = ["keyphrases"]

    /// One entry of the `keyphrases` layer.
    public struct Phrase: Codable, Sendable, Equatable {
        /// Lower-cased words joined by one space ("interest rates").
        public var text: String
        public var score: Double
        public var count: Int
        /// Every occurrence in the text, in text order (exported as code points, like every span).
        public var spans: [Span]
    }

    let options: Options
    let stopwords: Set<String>

    public init(options: Options, context: SetupContext) throws {
        guard options.count > 0 else { throw SetupError("count must be at least 1", option: "count") }
        guard options.maxWords > 0 else { throw SetupError("max_words must be at least 1", option: "max_words") }
        self.options = options
        self.stopwords = Stopwords.english.union(options.stopwords.map { $0.lowercased() })
    }

    public func process(_ document: inout Document) async throws {
        let phrases = rank(document)
        document.setLayer(phrases, for: .keyphrases)
        document.metadata.extra["keyphrases"] = .array(phrases.map { .string($0.text) })
    }

    /// The ranked phrases of a document (exposed for tests).
    public func rank(_ document: Document) -> [Phrase] {
        struct Candidate {
            var words: [String]
            var occurrences: [Span] = []
            /// Times it was a whole run between stopwords (not only part of a longer one).
            var whole = 0
        }
        var candidates: [String: Candidate] = [:]
        var order: [String] = []
        var runs: [[String]] = []
        var run: [(word: String, span: Span)] = []

        func add(_ slice: ArraySlice<(word: String, span: Span)>, whole: Bool) {
            let words = slice.map(\.word)
            let key = words.joined(separator: " ")
            guard key.unicodeScalars.count >= options.minCharacters else { return }
            if candidates[key] == nil {
                candidates[key] = Candidate(words: words)
                order.append(key)
            }
            candidates[key]!.occurrences.append(Span(start: slice.first!.span.start, end: slice.last!.span.end))
            if whole { candidates[key]!.whole += 1 }
        }

        func close() {
            defer { run.removeAll(keepingCapacity: true) }
            guard !run.isEmpty else { return }
            runs.append(run.map(\.word))
            if run.count <= options.maxWords { add(run[...], whole: true) }
            // Sub-phrases: "interest rates" inside "raised interest rates" and "higher interest rates".
            let longest = min(run.count - 1, options.maxWords)
            if longest >= 2 {
                for n in 2...longest {
                    for start in 0...(run.count - n) { add(run[start..<(start + n)], whole: false) }
                }
            }
        }

        for sentence in document.sentences {
            for token in document.tokens(in: sentence) {
                guard token.kind == .word else { close(); continue }
                let word = document.text(of: token.span).lowercased()
                // A word without letters ("U.S." keeps its letters; "--" has none) cuts the phrase.
                if stopwords.contains(word) || !word.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
                    close()
                } else {
                    run.append((word, token.span))
                }
            }
            close()
        }

        // RAKE word scores over the runs: degree (summed lengths of the runs a word is in) over frequency.
        var frequency: [String: Int] = [:]
        var degree: [String: Int] = [:]
        for words in runs {
            for word in words {
                frequency[word, default: 0] += 1
                degree[word, default: 0] += words.count
            }
        }
        var phrases: [(phrase: Phrase, first: Int)] = []
        for (position, key) in order.enumerated() {
            let candidate = candidates[key]!
            let count = candidate.occurrences.count
            // A sub-phrase seen once is only a piece of one longer run: not a phrase of its own.
            guard candidate.whole > 0 || count >= 2, count >= options.minOccurrences else { continue }
            let rake = candidate.words.reduce(0.0) { $0 + Double(degree[$1]!) / Double(frequency[$1]!) }
            let score = rake * Double(count)
            phrases.append((Phrase(text: key, score: (score * 1000).rounded() / 1000, count: count,
                                   spans: candidate.occurrences.sorted()), position))
        }
        // Best score first; among equals, the more frequent, then the earlier in the text (stable output).
        phrases.sort { a, b in
            if a.phrase.score != b.phrase.score { return a.phrase.score > b.phrase.score }
            if a.phrase.count != b.phrase.count { return a.phrase.count > b.phrase.count }
            return a.first < b.first
        }
        return phrases.prefix(options.count).map(\.phrase)
    }
}

extension LayerKey where Value == [Keyphrases.Phrase] {
    /// The `keyphrases` layer: `try document.layer(.keyphrases)` in a later step.
    public static let keyphrases = LayerKey("keyphrases")
}
