import PipelineKit
import ReadingTime
import Testing

private func make(wordsPerMinute: Int) throws -> ReadingTime {
    let options = try ReadingTime.Options.decode(["words_per_minute": .int(wordsPerMinute)])
    return try ReadingTime(options: options, context: SetupContext(stepID: "reading-time", baseDirectory: ".", pipelineFile: "test.yaml"))
}

/// A document of `n` one-letter words, with the token layer `parse` would give.
private func document(words n: Int) -> Document {
    var doc = Document(id: "d", text: String(repeating: "a ", count: n))
    doc.tokens = (0..<n).map { Token(span: Span(start: 2 * $0, end: 2 * $0 + 1), kind: .word) }
    return doc
}

@Test func minutesAreWordsOverSpeedRoundedAndAtLeastOne() async throws {
    var long = document(words: 1000)
    try await make(wordsPerMinute: 200).process(&long)
    #expect(long.metadata.extra["reading_minutes"] == .int(5))
    #expect(long.metadata.extra["word_count"] == .int(1000))

    var short = document(words: 10)
    try await make(wordsPerMinute: 200).process(&short)
    #expect(short.metadata.extra["reading_minutes"] == .int(1))
}

@Test func zeroSpeedIsASetupError() {
    #expect(throws: SetupError.self) { try make(wordsPerMinute: 0) }
}
