import PipelineKit

/// The document's tokens with the facts the entity recognizers ask about (hashes, sentence starts),
/// computed once per document on top of the core's `TokenIndex`.
///
/// It reads `document.tokens` and `document.sentences`; it never re-tokenizes. All lookups hash token bytes.
///
/// ```swift
/// let view = EntityTokens(document, lexicons: .shared)
/// if view.isCapitalized(3) && view.lexicons.firstNames[view.hash(3)] != nil { ... }
/// ```
struct EntityTokens {
    let index: TokenIndex
    let bytes: [UInt8]
    let tokens: [Token]
    /// Whether a token begins a sentence (ignoring opening quotes and brackets before it).
    let sentenceInitial: [Bool]
    /// The exact-form and lowercased hashes of each token.
    let hashes: [UInt64]
    let lowerHashes: [UInt64]
    let lexicons: Lexicons

    init(_ document: Document, lexicons: Lexicons) {
        index = TokenIndex(document)
        let bytes = index.bytes
        self.bytes = bytes
        self.tokens = index.tokens
        self.lexicons = lexicons
        var initial = [Bool](repeating: false, count: tokens.count)
        var hashes = [UInt64](repeating: 0, count: tokens.count)
        var lower = [UInt64](repeating: 0, count: tokens.count)
        var s = 0
        let sentences = document.sentences
        var atStart = true
        bytes.withUnsafeBufferPointer { buf in
            for (i, token) in document.tokens.enumerated() {
                while s < sentences.count, sentences[s].end <= token.span.start { s += 1; atStart = true }
                // A token is sentence-initial after a sentence start or a line break (headlines, list items).
                if i > 0 {
                    var j = document.tokens[i - 1].span.end
                    while j < token.span.start { if buf[j] == 0x0A { atStart = true }; j += 1 }
                }
                if sentences.isEmpty && i == 0 { atStart = true }
                initial[i] = atStart
                if token.kind != .quote && !(token.kind == .punctuation && Self.isOpening(buf[token.span.start])) {
                    atStart = false
                }
                var h = PhraseHash()
                h.add(buf, from: token.span.start, to: token.span.end)
                hashes[i] = h.value
                var l = PhraseHash()
                l.add(buf, from: token.span.start, to: token.span.end, lowercase: true)
                lower[i] = l.value
            }
        }
        sentenceInitial = initial
        self.hashes = hashes
        self.lowerHashes = lower
    }

    static func isOpening(_ b: UInt8) -> Bool { b == 0x28 || b == 0x5B || b == 0x2D }

    var count: Int { tokens.count }
    func start(_ i: Int) -> Int { tokens[i].span.start }
    func end(_ i: Int) -> Int { tokens[i].span.end }
    func hash(_ i: Int) -> UInt64 { hashes[i] }
    func lower(_ i: Int) -> UInt64 { lowerHashes[i] }
    func kind(_ i: Int) -> Token.Kind { tokens[i].kind }
    func length(_ i: Int) -> Int { tokens[i].span.length }
    func firstByte(_ i: Int) -> UInt8 { bytes[tokens[i].span.start] }
    func byte(_ i: Int, _ k: Int) -> UInt8 { bytes[tokens[i].span.start + k] }
    /// Whether any byte separates token i from token i-1 (`TokenIndex.gapBefore`).
    func gapBefore(_ i: Int) -> Bool { index.gapBefore(i) }
    /// Whether a line break lies between token i-1 and token i.
    func lineBreakBefore(_ i: Int) -> Bool { index.lineBreakBefore(i) }

    func text(_ i: Int) -> String { String(decoding: bytes[tokens[i].span.start..<tokens[i].span.end], as: UTF8.self) }
    func text(_ r: Range<Int>) -> String {
        guard let f = r.first else { return "" }
        return String(decoding: bytes[tokens[f].span.start..<tokens[r.upperBound - 1].span.end], as: UTF8.self)
    }

    func isWord(_ i: Int) -> Bool { tokens[i].kind == .word }
    func isNumber(_ i: Int) -> Bool { tokens[i].kind == .number || (tokens[i].kind != .word && isDigit(firstByte(i)) ) }
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Starts with an upper-case letter (ASCII, or a non-ASCII scalar with the Uppercase property).
    func isCapitalized(_ i: Int) -> Bool {
        let b = firstByte(i)
        if b >= 0x41 && b <= 0x5A { return true }
        if b < 0x80 { return false }
        let s = tokens[i].span.start
        var it = bytes[s..<min(s + 4, bytes.count)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&it) { return scalar.properties.isUppercase }
        return false
    }

    /// All letters upper case, at least two of them ("IRGC", "U.S", "CENTCOM").
    func isAllCaps(_ i: Int) -> Bool {
        var letters = 0
        for k in tokens[i].span.range {
            let b = bytes[k]
            if b >= 0x61 && b <= 0x7A { return false }
            if b >= 0x41 && b <= 0x5A { letters += 1 }
        }
        return letters >= 2
    }

    func isLower(_ i: Int) -> Bool { let b = firstByte(i); return b >= 0x61 && b <= 0x7A }
    func isByte(_ i: Int, _ c: Unicode.Scalar) -> Bool { length(i) == 1 && firstByte(i) == UInt8(ascii: c) }
    func isCommonWord(_ i: Int) -> Bool { lexicons.commonWords.contains(lowerHashes[i]) }

    /// Hash of tokens lo..<hi as one phrase, spaces between tokens that had whitespace.
    func phraseHash(_ lo: Int, _ hi: Int, lowercase: Bool = false) -> UInt64 {
        var h = PhraseHash()
        bytes.withUnsafeBufferPointer { buf in
            for i in lo..<hi {
                if i > lo && gapBefore(i) { h.addSpace() }
                h.add(buf, from: tokens[i].span.start, to: tokens[i].span.end, lowercase: lowercase)
            }
        }
        return h.value
    }

    /// Adds token `i` to a phrase hash begun at an earlier token, so the hashes of lo..<lo+1, lo..<lo+2, …
    /// cost one pass over the tokens: adding lo..<hi in turn gives `phraseHash(lo, hi)`.
    func extend(_ h: inout PhraseHash, with i: Int, first: Bool, lowercase: Bool = false) {
        if !first && gapBefore(i) { h.addSpace() }
        bytes.withUnsafeBufferPointer { h.add($0, from: tokens[i].span.start, to: tokens[i].span.end, lowercase: lowercase) }
    }

    /// Hash of tokens lo..<hi as a title: periods dropped, words separated by spaces ("Maj. Gen." = "Maj Gen").
    func titleHash(_ lo: Int, _ hi: Int) -> UInt64 {
        var h = PhraseHash()
        var first = true
        bytes.withUnsafeBufferPointer { buf in
            for i in lo..<hi where !isByte(i, ".") {
                if !first { h.addSpace() }
                var e = tokens[i].span.end
                if buf[e - 1] == 0x2E { e -= 1 }
                h.add(buf, from: tokens[i].span.start, to: e)
                first = false
            }
        }
        return h.value
    }
}
