import PipelineKit

/// `sentiment`: how positive or negative each sentence and each quote is, with VADER's lexicon and rules,
/// and a document summary in `metadata.sentiment`.
///
/// Layers: `sentence_sentiment` (one entry per sentence, in order) and `quote_sentiment` (one per quote;
/// empty when no step found quotes), read with `LayerKey.sentenceSentiment` and `.quoteSentiment`. Each
/// entry: its `span` (exported flat as `start`/`end` code points), `compound` (-1…+1), and the
/// `positive`/`negative`/`neutral` shares. `metadata.sentiment`: mean compound, counts of positive and
/// negative sentences, and `subjectivity` (mean share of sentiment-bearing words, 0…1).
///
/// ```yaml
/// - uses: sentiment
///   with: { threshold: 0.05 }
/// ```
public struct Sentiment: Processor {
    public struct Options: ProcessorOptions {
        @Option("A sentence counts as positive above +threshold and negative below -threshold (VADER's usual 0.05).")
        public var threshold = 0.05
        @Option("Write the sentence_sentiment layer; false keeps only quotes and the document summary.")
        public var sentences = true

        public init() {}
    }

    public static let name = "sentiment"
    public static let summary = "Scores sentiment per sentence and per quote with the VADER lexicon (MIT) [plugin]."
    public static let requires: [LayerName] = [.sentences, .tokens]
    public static let provides: [LayerName] = ["sentence_sentiment", "quote_sentiment"]
    public static func provides(options: Options) -> [LayerName] {
        options.sentences ? provides : ["quote_sentiment"]
    }

    /// One entry of `sentence_sentiment` or `quote_sentiment`.
    public struct Entry: Codable, Sendable, Equatable {
        /// The sentence or quote; written flat, as `start` and `end` beside the scores.
        public var span: Span
        public var compound: Double
        public var positive: Double
        public var negative: Double
        public var neutral: Double
        /// Quotes only: the speaker's name when known.
        public var speaker: String?

        enum CodingKeys: String, CodingKey { case compound, positive, negative, neutral, speaker }

        public init(span: Span, compound: Double, positive: Double, negative: Double, neutral: Double, speaker: String? = nil) {
            self.span = span
            self.compound = compound
            self.positive = positive
            self.negative = negative
            self.neutral = neutral
            self.speaker = speaker
        }

        // The span shares the entry's object: `Span`'s own Codable form writes `start` and `end` into it
        // (converted at export like every span), the scores go beside them.
        public init(from decoder: any Decoder) throws {
            span = try Span(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            compound = try c.decode(Double.self, forKey: .compound)
            positive = try c.decode(Double.self, forKey: .positive)
            negative = try c.decode(Double.self, forKey: .negative)
            neutral = try c.decode(Double.self, forKey: .neutral)
            speaker = try c.decodeIfPresent(String.self, forKey: .speaker)
        }

        public func encode(to encoder: any Encoder) throws {
            try span.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(compound, forKey: .compound)
            try c.encode(positive, forKey: .positive)
            try c.encode(negative, forKey: .negative)
            try c.encode(neutral, forKey: .neutral)
            try c.encodeIfPresent(speaker, forKey: .speaker)
        }
    }

    let options: Options
    let vader: Vader

    public init(options: Options, context: SetupContext) throws {
        guard options.threshold >= 0, options.threshold < 1 else {
            throw SetupError("threshold must be from 0 to below 1", option: "threshold")
        }
        do {
            vader = Vader(lexicon: try Vader.loadLexicon())
        } catch let error as SetupError {
            throw error
        } catch {
            throw SetupError("cannot read the VADER lexicon: \(error.localizedDescription); it ships as a resource of the "
                + "Sentiment module (Plugins/Sentiment/Data/vader_lexicon.tsv): rebuild, or copy the resource bundle beside the binary")
        }
        self.options = options
    }

    public func process(_ document: inout Document) async throws {
        var sentenceEntries: [Entry] = []
        var compoundSum = 0.0, subjectivitySum = 0.0, scored = 0, positive = 0, negative = 0
        for sentence in document.sentences {
            let s = score([sentence], in: document)
            sentenceEntries.append(entry(sentence, s))
            guard s.positive + s.negative + s.neutral > 0 else { continue }
            scored += 1
            compoundSum += s.compound
            subjectivitySum += s.positive + s.negative
            if s.compound > options.threshold { positive += 1 }
            if s.compound < -options.threshold { negative += 1 }
        }
        let quoteEntries = document.quotes.map { quote in
            var e = entry(quote.span, score(quote.fragments.isEmpty ? [quote.span] : quote.fragments, in: document))
            e.speaker = quote.speakerName ?? quote.speaker.map { document.text(of: $0) }
            return e
        }
        if options.sentences { document.setLayer(sentenceEntries, for: .sentenceSentiment) }
        document.setLayer(quoteEntries, for: .quoteSentiment)
        func r(_ x: Double) -> JSONValue { .double((x * 10_000).rounded() / 10_000) }
        document.metadata.extra["sentiment"] = .object([
            "compound": r(scored > 0 ? compoundSum / Double(scored) : 0),
            "subjectivity": r(scored > 0 ? subjectivitySum / Double(scored) : 0),
            "positive_sentences": .int(positive),
            "negative_sentences": .int(negative),
            "sentences": .int(document.sentences.count),
        ])
    }

    func entry(_ span: Span, _ s: Vader.Scores) -> Entry {
        Entry(span: span, compound: s.compound, positive: s.positive, negative: s.negative, neutral: s.neutral)
    }

    /// VADER over the words of some spans: words and numbers, with clitics joined back ("do" + "n't").
    func score(_ spans: [Span], in document: Document) -> Vader.Scores {
        var words: [String] = []
        var exclamations = 0, questions = 0
        for span in spans {
            for token in document.tokens(in: span) {
                let text = document.text(of: token.span)
                switch token.kind {
                case .word, .number:
                    words.append(text)
                case .clitic:
                    if words.isEmpty { words.append(text) } else { words[words.count - 1] += text }
                case .punctuation:
                    if text.contains("!") { exclamations += 1 }
                    if text.contains("?") { questions += 1 }
                default:
                    break
                }
            }
        }
        return vader.score(words, exclamations: exclamations, questions: questions)
    }
}

extension LayerKey where Value == [Sentiment.Entry] {
    /// One entry per sentence, in order (absent with `sentences: false`).
    public static let sentenceSentiment = LayerKey("sentence_sentiment")
    /// One entry per quote, in order; empty when no step found quotes.
    public static let quoteSentiment = LayerKey("quote_sentiment")
}
