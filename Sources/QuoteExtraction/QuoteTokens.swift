import PipelineKit

/// The parse layers of one document seen token by token, on top of the core's `TokenIndex`: lower-cased
/// token texts and, for each token, the paragraph and sentence holding it. Every rule of `extract-quotes`
/// reads the text through this view, so nothing is re-tokenized.
///
/// ```swift
/// let view = QuoteTokens(document)
/// if view.lower[i] == "said", view.paragraph[i] == view.paragraph[i + 1] { … }
/// ```
struct QuoteTokens {
    let index: TokenIndex
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
        index = TokenIndex(document)
        bytes = index.bytes
        tokens = index.tokens
        var lower: [String] = []
        lower.reserveCapacity(tokens.count)
        for t in tokens { lower.append(QuoteTokens.lowercased(bytes, t.span)) }
        self.lower = lower
        (paragraph, paragraphTokens) = index.containment(in: document.paragraphs)
        (sentence, sentenceTokens) = index.containment(in: document.sentences)
    }

    var count: Int { tokens.count }

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

    /// Whether token `i` is the first of its sentence.
    func opensSentence(_ i: Int) -> Bool { sentence[i] >= 0 && sentenceTokens[sentence[i]].lowerBound == i }

    /// Punctuation that ends a sentence.
    func isTerminal(_ i: Int) -> Bool {
        let s = lower[i]
        return s == "." || s == "!" || s == "?" || s == "..." || s == "…"
    }

    func isDash(_ i: Int) -> Bool {
        let s = lower[i]
        return s == "—" || s == "–" || s == "-" || s == "--" || s == "―"
    }

    /// Whether whitespace (or the start / end of the text) stands just before / after a token
    /// (`TokenIndex.whitespaceBefore`: ASCII whitespace or U+00A0).
    func whitespaceBefore(_ i: Int) -> Bool { index.whitespaceBefore(i) }
    func whitespaceAfter(_ i: Int) -> Bool { index.whitespaceAfter(i) }

    /// The byte span from the start of token `a` to the end of token `b` (inclusive).
    func span(_ a: Int, _ b: Int) -> Span { Span(start: tokens[a].span.start, end: tokens[b].span.end) }

    /// The first token after a dateline opening a paragraph («ERBIL, Kurdistan Region —», «LONDON (Reuters) -»):
    /// a place in capitals, or places separated by commas, then a dash. The report starts after it.
    func datelineEnd(from a: Int, before b: Int) -> Int? {
        guard a < b, a < count else { return nil }   // an empty report at the very end of a document
        let p = paragraph[a]
        guard p >= 0, paragraphTokens[p].lowerBound == a, isWord(a) else { return nil }
        let head = text(a)
        let capitals = head.utf8.count >= 2 && head.utf8.allSatisfy { !($0 >= 0x61 && $0 <= 0x7A) }
        var t = a, commas = 0
        while t < b, t - a <= 10 {
            if isDash(t) {
                guard t > a, capitals || commas > 0, t + 1 < b else { return nil }
                return t + 1
            }
            let v = lower[t]
            if v == "," { commas += 1 } else if !(isCapitalized(t) || v == "(" || v == ")" || v == "." || tokens[t].kind == .number) {
                return nil
            }
            t += 1
        }
        return nil
    }
}
