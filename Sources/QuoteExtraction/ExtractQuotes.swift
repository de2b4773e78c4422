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
        public var kinds: [String]
        public var minQuoteWords: Int
        public var resolveSpeakers: Bool
        public var keepUnattributed: Bool

        public init(kinds: [String] = ["direct", "mixed", "indirect"], minQuoteWords: Int = 4,
                    resolveSpeakers: Bool = true, keepUnattributed: Bool = false) {
            self.kinds = kinds
            self.minQuoteWords = minQuoteWords
            self.resolveSpeakers = resolveSpeakers
            self.keepUnattributed = keepUnattributed
        }

        enum CodingKeys: String, CodingKey {
            case kinds
            case minQuoteWords = "min_quote_words"
            case resolveSpeakers = "resolve_speakers"
            case keepUnattributed = "keep_unattributed"
        }

        public static let spec: [OptionSpec] = [
            OptionSpec("kinds", .list(.choice(["direct", "mixed", "indirect"])), default: ["direct", "mixed", "indirect"],
                       "Which quotes to keep: direct (all in quotation marks), mixed (reported speech holding a quoted fragment), indirect (reported speech)."),
            OptionSpec("min_quote_words", .integer, default: 4,
                       "Words a quotation with no speaker cue needs to count as a quote; shorter ones are scare quotes or titles («“fantastic”»)."),
            OptionSpec("resolve_speakers", .boolean, default: true,
                       "Resolve each speaker (\"he\", \"the general\", \"Soleimani\") to an entity and its canonical name."),
            OptionSpec("keep_unattributed", .boolean, default: false,
                       "Also keep long quotations no rule attributes, with no speaker (or the speaker of a quotation in the same or previous paragraph)."),
        ]
    }

    public static let name = "extract-quotes"
    public static let summary = "Finds direct, mixed and reported speech with its cue and speaker, resolved to entities."
    public static let requires: [LayerName] = [.paragraphs, .sentences, .tokens]
    public static let provides: [LayerName] = [.quotes]

    let settings: QuoteFinder.Settings
    let stepID: String

    public init(options: Options, context: SetupContext) throws {
        var settings = QuoteFinder.Settings()
        settings.kinds = Set(options.kinds.compactMap(Quote.Kind.init(rawValue:)))
        guard !settings.kinds.isEmpty else { throw SetupError("kinds is empty: list at least one of direct, mixed, indirect", option: "kinds") }
        guard options.minQuoteWords >= 1 else { throw SetupError("min_quote_words must be at least 1, got \(options.minQuoteWords)", option: "min_quote_words") }
        settings.minWords = options.minQuoteWords
        settings.resolveSpeakers = options.resolveSpeakers
        settings.keepUnattributed = options.keepUnattributed
        self.settings = settings
        self.stepID = context.stepID
    }

    public func process(_ document: inout Document) async throws {
        document.quotes = QuoteFinder(document, settings: settings).quotes(step: stepID)
    }
}
