import PipelineKit

/// The parse layers of one document seen token by token: lower-cased token texts and, for each token,
/// the paragraph and sentence holding it. Every rule of `extract-quotes` reads the text through this view,
/// so nothing is re-tokenized.
///
/// ```swift
/// let view = TokenView(document)
/// if view.lower[i] == "said", view.paragraph[i] == view.paragraph[i + 1] { … }
/// ```
struct TokenView {
    let bytes: [UInt8]
    let tokens: [Token]
    /// Lower-cased text of each token.
    let lower: [String]
    /// Index of the paragraph / sentence holding each token (-1 when a token lies outside all of them).
    let paragraph: [Int]
    let sentence: [Int]
    /// Token index ranges of each paragraph and sentence.
    let paragraphTokens: [Range<Int>]
    let sentenceTokens: [Range<Int>]

    init(_ document: Document) {
        bytes = Array(document.text.utf8)
        tokens = document.tokens
        var lower: [String] = []
        lower.reserveCapacity(tokens.count)
        for t in tokens { lower.append(TokenView.lowercased(bytes, t.span)) }
        self.lower = lower
        (paragraph, paragraphTokens) = TokenView.assign(tokens, to: document.paragraphs)
        (sentence, sentenceTokens) = TokenView.assign(tokens, to: document.sentences)
    }

    var count: Int { tokens.count }

    /// Maps tokens to the spans (paragraphs or sentences) holding them, with one merge walk.
    private static func assign(_ tokens: [Token], to spans: [Span]) -> ([Int], [Range<Int>]) {
        var owner = [Int](repeating: -1, count: tokens.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(spans.count)
        var t = 0
        for (k, s) in spans.enumerated() {
            while t < tokens.count, tokens[t].span.start < s.start { t += 1 }
            let first = t
            while t < tokens.count, tokens[t].span.end <= s.end {
                owner[t] = k
                t += 1
            }
            ranges.append(first..<t)
        }
        return (owner, ranges)
    }

    /// ASCII is lower-cased byte by byte; other text goes through `String.lowercased()`.
    private static func lowercased(_ bytes: [UInt8], _ span: Span) -> String {
        var ascii = true
        for i in span.range where bytes[i] >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: span.length) { buffer in
                for (k, i) in span.range.enumerated() {
                    let b = bytes[i]
                    buffer[k] = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
                }
                return span.length
            }
        }
        return String(decoding: bytes[span.range], as: UTF8.self).lowercased()
    }

    func text(_ i: Int) -> String { String(decoding: bytes[tokens[i].span.range], as: UTF8.self) }

    /// First letter upper-case ("Soleimani", "IRGC", "É…").
    func isCapitalized(_ i: Int) -> Bool {
        let b = bytes[tokens[i].span.start]
        if b >= 0x41 && b <= 0x5A { return true }
        if b < 0x80 { return false }
        return text(i).first?.isUppercase ?? false
    }

    func isWord(_ i: Int) -> Bool { tokens[i].kind == .word }

    /// Punctuation that ends a sentence.
    func isTerminal(_ i: Int) -> Bool {
        let s = lower[i]
        return s == "." || s == "!" || s == "?" || s == "..." || s == "…"
    }

    func isDash(_ i: Int) -> Bool {
        let s = lower[i]
        return s == "—" || s == "–" || s == "-" || s == "--" || s == "―"
    }

    /// Whether there is whitespace (or the start of the text) just before / after a token.
    func spaceBefore(_ i: Int) -> Bool {
        let p = tokens[i].span.start
        return p == 0 || TokenView.isSpace(bytes[p - 1])
    }

    func spaceAfter(_ i: Int) -> Bool {
        let p = tokens[i].span.end
        return p >= bytes.count || TokenView.isSpace(bytes[p])
    }

    /// ASCII whitespace, or the last byte of a no-break space (C2 A0).
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0xA0 }

    /// The byte span from the start of token `a` to the end of token `b` (inclusive).
    func span(_ a: Int, _ b: Int) -> Span { Span(start: tokens[a].span.start, end: tokens[b].span.end) }
}
