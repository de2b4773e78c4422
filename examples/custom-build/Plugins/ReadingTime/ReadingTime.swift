import PipelineKit

/// `reading-time`: estimated minutes to read each story, for a newsletter's "4 min read" line.
///
/// Counts word tokens (the `tokens` layer `parse` provides) and divides by a reading speed. Writes
/// `metadata.reading_minutes` (whole minutes, at least 1) and `metadata.word_count`.
///
/// ```yaml
/// - uses: reading-time
///   with: { words_per_minute: 230 }
/// ```
public struct ReadingTime: Processor {
    public struct Options: ProcessorOptions {
        @Option("Reading speed; adults read news at about 200-260.")
        public var wordsPerMinute = 230

        public init() {}
    }

    public static let name = "reading-time"
    public static let summary = "Estimates minutes to read each story from its word count."
    public static let requires: [LayerName] = [.tokens]

    let options: Options

    public init(options: Options, context: SetupContext) throws {
        guard options.wordsPerMinute > 0 else {
            throw SetupError("words_per_minute must be more than 0", option: "words_per_minute")
        }
        self.options = options
    }

    public func process(_ document: inout Document) async throws {
        let words = document.tokens.lazy.filter { $0.kind == .word }.count
        let minutes = max(1, Int((Double(words) / Double(options.wordsPerMinute)).rounded()))
        document.metadata.extra["word_count"] = .int(words)
        document.metadata.extra["reading_minutes"] = .int(minutes)
    }
}
