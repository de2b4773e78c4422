import PipelineKit

/// `extract-quotes`: direct quotations, mixed quotes and reported speech, each with its cue, its speaker as
/// written ("he") and the entity that speaker resolves to ("Qassim Soleimani").
///
/// Reads `parse`'s paragraphs, sentences and tokens; uses `extract-entities`' mentions and entity table
/// when that step ran (names, genders for "he"/"she", canonical names), and works without them.
///
/// ```yaml
/// steps:
///   - uses: parse
///   - uses: extract-entities
///   - uses: extract-quotes
///     with: { kinds: [direct, mixed], min_quote_words: 4 }
/// ```
public struct ExtractQuotes: Processor {
    public struct Options: ProcessorOptions {
        @Option("Which quotes to keep: direct (all in quotation marks), mixed (reported speech holding a quoted fragment), indirect (reported speech).")
        public var kinds: [Quote.Kind] = [.direct, .mixed, .indirect]
        @Option("Words a quotation with no speaker cue needs to count as a quote; shorter ones are scare quotes or titles («“fantastic”»).")
        public var minQuoteWords = 4
        @Option("Resolve each speaker (\"he\", \"the general\", \"Soleimani\") to an entity and its canonical name.")
        public var resolveSpeakers = true
        @Option("Keep only quotes a cue beside them attributes («…,” she said», and the paragraphs continuing them); by default a quotation without a cue that is a sentence of its own is kept too, with the speaker in focus (rule speaker-in-focus) or none (no-attribution).")
        public var onlyCued = false

        public init() {}
    }

    public static let name = "extract-quotes"
    public static let summary = "Finds direct, mixed and reported speech with its cue and speaker, resolved to entities."
    public static let requires: [LayerName] = [.paragraphs, .sentences, .tokens]
    public static let provides: [LayerName] = [.quotes]

    let settings: QuoteFinder.Settings
    let stepID: String

    public init(options: Options, context: SetupContext) throws {
        var settings = QuoteFinder.Settings()
        settings.kinds = Set(options.kinds)
        guard !settings.kinds.isEmpty else { throw SetupError("kinds is empty: list at least one of direct, mixed, indirect", option: "kinds") }
        guard options.minQuoteWords >= 1 else { throw SetupError("min_quote_words must be at least 1, got \(options.minQuoteWords)", option: "min_quote_words") }
        settings.minWords = options.minQuoteWords
        settings.resolveSpeakers = options.resolveSpeakers
        settings.onlyCued = options.onlyCued
        self.settings = settings
        self.stepID = context.stepID
    }

    public func process(_ document: inout Document) async throws {
        document.quotes = QuoteFinder(document, settings: settings).quotes(step: stepID)
    }
}

extension Quote.Kind: OptionChoice {}
