// The two processors of docs/writing-a-processor.md, section 3, verbatim: compiled and run here so the
// page cannot drift from the API (WritingAProcessorExampleTests checks the page quotes this file).

import PipelineKit

/// One sentence longer than readers like, with its length in words.
public struct LongSentence: Codable, Sendable, Equatable {
    public var span: Span          // UTF-8 in memory; code points in the output, converted by the core
    public var words: Int
}

extension LayerKey where Value == [LongSentence] {
    /// The `long_sentences` layer; a later step reads it with `try document.layer(.longSentences)`.
    public static let longSentences = LayerKey("long_sentences")
}

/// `long-sentences`: marks the sentences of more than `max_words` words.
public struct LongSentences: Processor {
    public struct Options: ProcessorOptions {
        @Option("Longest sentence readers like, in words.") public var maxWords = 30
        public init() {}
    }
    public static let name = "long-sentences"
    public static let summary = "Marks the sentences longer than max_words."
    public static let requires: [LayerName] = [.sentences, .tokens]
    public static let provides: [LayerName] = ["long_sentences"]

    let options: Options
    public init(options: Options, context: SetupContext) throws { self.options = options }

    public func process(_ document: inout Document) async throws {
        var long: [LongSentence] = []
        for sentence in document.sentences {
            let words = document.tokens(in: sentence).count { $0.kind == .word }
            if words > options.maxWords { long.append(LongSentence(span: sentence, words: words)) }
        }
        document.setLayer(long, for: .longSentences)
    }
}

/// `editor-note`: quotes the longest of the long sentences, from the layer `long-sentences` wrote.
public struct EditorNote: Processor {
    public static let name = "editor-note"
    public static let summary = "Quotes the longest long sentence for the editor."
    public static let requires: [LayerName] = ["long_sentences"]
    public init(options: NoOptions, context: SetupContext) throws {}

    public func process(_ document: inout Document) async throws {
        guard let longest = try document.layer(.longSentences)?.max(by: { $0.words < $1.words }) else { return }
        document.metadata.extra["editor_note"] = .string("\(longest.words) words: \(document.text(of: longest.span))")
    }
}
