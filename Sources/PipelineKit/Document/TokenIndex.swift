/// A document's tokens with the text's bytes, for the questions every analysis asks of them: which tokens
/// lie inside a span, which overlap it, and whether whitespace stands next to a token.
///
/// Tokens are sorted and do not overlap (as `parse` makes them), so every lookup is a binary search.
///
/// ```swift
/// let index = TokenIndex(document)
/// for i in index.tokens(inside: document.sentences[0]) where index.whitespaceBefore(i) { … }
/// let covered = index.tokens(overlapping: mention.span)   // a mention that cuts a token in half still counts it
/// ```
public struct TokenIndex: Sendable {
    /// The document's text as UTF-8; token spans index into it.
    public let bytes: [UInt8]
    public let tokens: [Token]

    public init(_ document: Document) {
        self.init(tokens: document.tokens, bytes: Array(document.text.utf8))
    }

    public init(tokens: [Token], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    public var count: Int { tokens.count }

    /// The tokens lying wholly inside `span` (containment: a token cut by the span's ends is left out).
    public func tokens(inside span: Span) -> Range<Int> { Self.tokens(inside: span, of: tokens) }

    /// The tokens sharing at least one byte with `span` (overlap: a token cut by the span's ends counts).
    public func tokens(overlapping span: Span) -> Range<Int> { Self.tokens(overlapping: span, of: tokens) }

    /// `tokens(inside:)` over a token layer alone, for callers that need no bytes (`Document.tokens(in:)`).
    public static func tokens(inside span: Span, of tokens: [Token]) -> Range<Int> {
        let first = tokens.partitioningIndex { $0.span.start >= span.start }
        let last = tokens[first...].partitioningIndex { $0.span.end > span.end }
        return first..<max(first, last)
    }

    public static func tokens(overlapping span: Span, of tokens: [Token]) -> Range<Int> {
        let first = tokens.partitioningIndex { $0.span.end > span.start }
        let last = tokens[first...].partitioningIndex { $0.span.start >= span.end }
        return first..<max(first, last)
    }

    /// For each span of a sorted, non-overlapping layer (paragraphs, sentences), the tokens inside it; and
    /// for each token, the index of the span holding it, or -1.
    public func containment(in spans: [Span]) -> (owner: [Int], ranges: [Range<Int>]) {
        var owner = [Int](repeating: -1, count: tokens.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(spans.count)
        for (k, span) in spans.enumerated() {
            let range = tokens(inside: span)
            for t in range { owner[t] = k }
            ranges.append(range)
        }
        return (owner, ranges)
    }

    /// Whether any byte separates token `i` from the token before it ("U.S" has none inside, "U. S" has one);
    /// false for the first token.
    public func gapBefore(_ i: Int) -> Bool { i > 0 && tokens[i - 1].span.end < tokens[i].span.start }

    /// Whether whitespace (or the start of the text) stands just before token `i`.
    public func whitespaceBefore(_ i: Int) -> Bool { Self.whitespace(endingAt: tokens[i].span.start, in: bytes) }

    /// Whether whitespace (or the end of the text) stands just after token `i`.
    public func whitespaceAfter(_ i: Int) -> Bool { Self.whitespace(startingAt: tokens[i].span.end, in: bytes) }

    /// Whether a line break lies between token `i - 1` and token `i` (true for the first token).
    public func lineBreakBefore(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        return bytes[tokens[i - 1].span.end..<tokens[i].span.start].contains(0x0A)
    }

    /// Whitespace ends at byte `position` (exclusive): an ASCII space, tab or line break, or a no-break space
    /// (U+00A0, bytes C2 A0), or the start of the text. A lone A0 byte is not a space: it ends "à" (C3 A0)
    /// and "Р" (D0 A0).
    public static func whitespace(endingAt position: Int, in bytes: [UInt8]) -> Bool {
        guard position > 0 else { return true }
        let b = bytes[position - 1]
        if isASCIISpace(b) { return true }
        return b == 0xA0 && position >= 2 && bytes[position - 2] == 0xC2
    }

    /// Whitespace starts at byte `position`, or the text ends there.
    public static func whitespace(startingAt position: Int, in bytes: [UInt8]) -> Bool {
        guard position < bytes.count else { return true }
        let b = bytes[position]
        if isASCIISpace(b) { return true }
        return b == 0xC2 && position + 1 < bytes.count && bytes[position + 1] == 0xA0
    }

    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
}
