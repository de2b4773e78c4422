import PipelineKit

/// Groups tokens into sentences, never across a paragraph break.
///
/// A sentence ends at ".", "?", "!" (with any closing quotes or brackets right after them: `."` and `.”`
/// end after the quote mark) unless the next token starts with a lowercase letter
/// (`"Why?" he asked.` stays one sentence) or is a comma or semicolon («Mary Holt (R-Ga.), a co-author,»). An ellipsis ends one only before a capitalized word.
/// Abbreviation tokens carry their period ("Dr.", "Maj. Gen.", "Jan.", initials "J."): titles and
/// initials never end a sentence; others ("U.S.", "Inc.", "etc.") end one only before a word that
/// usually opens a sentence ("… in the U.S. The move …" splits, "U.S. President" does not).
/// Decimals ("1.2") never reach here: they are number tokens.
///
/// ```swift
/// let spans = SentenceSplitter.split(tokens: tokens, paragraphs: paragraphs, text: text)
/// ```
enum SentenceSplitter {
    static func split(tokens: [Token], paragraphs: [Span], text: String) -> [Span] {
        var text = text
        return text.withUTF8 { split(tokens: tokens, paragraphs: paragraphs, bytes: $0) }
    }

    static func split(tokens: [Token], paragraphs: [Span], bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var sentences: [Span] = []
        sentences.reserveCapacity(tokens.count / 15)
        var t = 0
        for paragraph in paragraphs {
            while t < tokens.count, tokens[t].span.start < paragraph.start { t += 1 }
            var end = t
            while end < tokens.count, tokens[end].span.end <= paragraph.end { end += 1 }
            var sentenceStart = t
            var i = t
            while i < end {
                if let last = sentenceEnd(at: i, end: end, tokens: tokens, bytes: bytes) {
                    sentences.append(Span(start: tokens[sentenceStart].span.start, end: tokens[last].span.end))
                    sentenceStart = last + 1
                    i = last + 1
                } else {
                    i += 1
                }
            }
            if sentenceStart < end {
                sentences.append(Span(start: tokens[sentenceStart].span.start, end: tokens[end - 1].span.end))
            }
            t = end
        }
        return sentences
    }

    /// If a sentence ends with token `i`, the index of its last token (after closing quotes/brackets).
    static func sentenceEnd(at i: Int, end: Int, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let token = tokens[i]
        let first = bytes[token.span.start]
        let lastByte = bytes[token.span.end - 1]
        enum Ending { case full, ellipsis, abbreviation }
        let ending: Ending
        switch token.kind {
        case .punctuation:
            if first == UInt8(ascii: ".") {
                ending = token.span.length >= 3 ? .ellipsis : .full
            } else if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") {
                ending = .full
            } else if token.span.length == 3, first == 0xE2, bytes[token.span.start + 1] == 0x80, lastByte == 0xA6 {
                ending = .ellipsis
            } else {
                return nil
            }
        case .word where lastByte == UInt8(ascii: ".") && token.span.length > 1:
            let word = token.span.start..<(token.span.end - 1)
            if let kind = Abbreviations.kind(bytes, word), kind != .mayEnd { return nil }
            if isInitial(word, bytes) { return nil }
            ending = .abbreviation
        default:
            return nil
        }
        // Take closing quotes and brackets that touch the mark: `."`, `.”`, `.)`, `?’”`.
        var last = i
        while last + 1 < end, tokens[last + 1].span.start == tokens[last].span.end,
              isCloser(tokens[last + 1], bytes: bytes) {
            last += 1
        }
        guard last + 1 < end else { return last }
        let next = tokens[last + 1]
        // «Halo.Bungie.Org», «bbc.co.uk»: a full stop glued to the words on both sides ends no sentence.
        if last == i, ending != .ellipsis, next.kind == .word, next.span.start == token.span.end,
           ending == .abbreviation || (i > 0 && tokens[i - 1].kind == .word && tokens[i - 1].span.end == token.span.start) {
            return nil
        }
        switch ending {
        case .full:
            // «Rep. Mary Holt (R-Ga.), a co-author, said …»: a comma or semicolon never opens a sentence.
            if next.kind == .punctuation, [UInt8(ascii: ","), UInt8(ascii: ";")].contains(bytes[next.span.start]) { return nil }
            return startsLowercase(next, bytes) ? nil : last
        case .ellipsis:
            return next.kind == .word && CharacterClass.isUppercase(at: next.span.start, in: bytes) ? last : nil
        case .abbreviation:
            if next.kind == .quote { return last }
            guard next.kind == .word, CharacterClass.isUppercase(at: next.span.start, in: bytes) else { return nil }
            var wordEnd = next.span.end
            if bytes[wordEnd - 1] == UInt8(ascii: ".") { wordEnd -= 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[next.span.start..<wordEnd]), as: UTF8.self)
            return Abbreviations.sentenceStarters.contains(word) ? last : nil
        }
    }

    static func isInitial(_ word: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (_, w) = CharacterClass.at(word.lowerBound, in: bytes)
        return word.count == w && CharacterClass.isUppercase(at: word.lowerBound, in: bytes)
    }

    /// Closing quotation marks and brackets. A straight quote touching the mark closes, as in `."`.
    static func isCloser(_ token: Token, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[token.span.start]
        switch token.kind {
        case .quote:
            if token.span.length == 1 { return b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }
            let (value, _) = CharacterClass.decodeScalar(at: token.span.start, in: bytes)
            return value == 0x201D || value == 0x2019 || value == 0x00BB || value == 0x203A
        case .punctuation:
            return b == UInt8(ascii: ")") || b == UInt8(ascii: "]")
        default:
            return false
        }
    }

    static func startsLowercase(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.kind == .word && CharacterClass.isLowercase(at: token.span.start, in: bytes)
    }
}
