import PipelineKit

/// Splits text into word, number, quote, punctuation, symbol and clitic tokens, by scanning UTF-8 bytes.
///
/// Rules, chosen for news text:
/// - numbers keep separators, decimals and attached units: "1,200", "1.2", "40%", "2.5m", "1990s";
///   "$3.2 million" is the symbol "$", the number "3.2" and the word "million";
/// - hyphenated words stay whole: "well-known", "62-year-old", "COVID-19";
/// - an apostrophe inside a word stays ("O’Malley"), but clitics split off: "O’Malley’s" → "O’Malley" + "’s",
///   "don't" → "do" + "n't", "can’t" → "ca" + "n’t" (Penn Treebank style, as spaCy and CoreNLP do);
/// - abbreviations keep their period: "Dr.", "Maj.", "Inc.", "U.S.", initials such as "J.";
/// - every quotation mark, straight or curly, is its own quote token; "..." and "?!" are one token.
///
/// ```swift
/// let tokens = Tokenizer.tokenize("O’Malley’s shares rose 40%.")
/// // word "O’Malley", clitic "’s", word "shares", word "rose", number "40%", punctuation "."
/// ```
enum Tokenizer {
    static func tokenize(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { tokenize(bytes: $0) }
    }

    static func tokenize(bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        return scanner.tokens
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var tokens: [Token] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            tokens.reserveCapacity(bytes.count / 5)
        }

        @inline(__always) func cls(_ i: Int) -> (CharacterClass, Int) {
            i < bytes.count ? CharacterClass.at(i, in: bytes) : (.space, 1)
        }

        @inline(__always) func isWordChar(_ i: Int) -> Bool {
            let c = cls(i).0
            return c == .letter || c == .digit
        }

        mutating func emit(_ start: Int, _ end: Int, _ kind: Token.Kind) {
            tokens.append(Token(span: Span(start: start, end: end), kind: kind))
        }

        mutating func run() {
            var i = 0
            let n = bytes.count
            while i < n {
                let (c, w) = CharacterClass.at(i, in: bytes)
                switch c {
                case .space, .newline:
                    i += w
                case .letter:
                    i = scanWord(start: i, from: i, kind: .word)
                case .digit:
                    i = scanNumber(start: i)
                case .apostrophe, .quote:
                    emit(i, i + w, .quote)
                    i += w
                case .period, .terminal, .hyphen:
                    // Runs of the same mark are one token: "...", "?!", "--".
                    var j = i + w
                    while j < n, cls(j).0 == c || (c == .terminal && cls(j).0 == .terminal) { j += cls(j).1 }
                    if c == .period, j == i + 1, isDigit(j), !(i > 0 && isWordChar(i - 1)) {
                        i = scanNumber(start: i)   // ".5"
                        continue
                    }
                    emit(i, j, .punctuation)
                    i = j
                case .ellipsis, .punctuation:
                    emit(i, i + w, .punctuation)
                    i += w
                case .symbol:
                    emit(i, i + w, .symbol)
                    i += w
                }
            }
        }

        @inline(__always) func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

        /// Digits with inner separators, then an optional "%" or attached letters ("2.5m", "3rd").
        mutating func scanNumber(start: Int) -> Int {
            var j = start
            let n = bytes.count
            while true {
                while j < n, cls(j).0 == .digit { j += cls(j).1 }
                guard j < n else { break }
                let b = bytes[j]
                // 1,200 · 1.2 · 10:30 · 24/7 · 2019-04-29
                if (b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b == UInt8(ascii: "/")
                    || b == UInt8(ascii: "-")), isDigit(j + 1), j > start || b == UInt8(ascii: ".") {
                    // A leading "." is allowed too (".5", ".45-caliber"): the caller starts there.
                    j += 1
                    continue
                }
                break
            }
            guard j < n else { emit(start, j, .number); return j }
            if bytes[j] == UInt8(ascii: "%") {
                emit(start, j + 1, .number)
                return j + 1
            }
            if cls(j).0 == .letter {
                // Attached unit or suffix: "2.5m", "1.13bn", "1990s", "3rd"; a hyphen after it makes a word.
                var k = j
                while k < n, cls(k).0 == .letter { k += cls(k).1 }
                if k < n, cls(k).0 == .hyphen, k + 1 < n, isWordChar(k + 1) {
                    return scanWord(start: start, from: k + 1, kind: .word)
                }
                emit(start, k, .number)
                return k
            }
            if cls(j).0 == .hyphen, j + 1 < n, cls(j + 1).0 == .letter {
                return scanWord(start: start, from: j + 1, kind: .word)   // "62-year-old"
            }
            emit(start, j, .number)
            return j
        }

        /// Letters and digits joined by inner hyphens, apostrophes and (for "U.S.", "e.g.") periods.
        mutating func scanWord(start: Int, from: Int, kind: Token.Kind) -> Int {
            let n = bytes.count
            var j = from
            var segmentStart = from
            var dotted = false          // "U.S", "e.g": single letters joined by periods
            var singleLetterSegments = true
            while true {
                let segmentFrom = j
                var scalars = 0
                while j < n {
                    let (c, w) = cls(j)
                    guard c == .letter || c == .digit else { break }
                    j += w
                    scalars += 1
                }
                if j > segmentFrom, scalars > 1 { singleLetterSegments = false }
                guard j < n else { break }
                let (c, w) = cls(j)
                if c == .hyphen, j + w < n, isWordChar(j + w) {
                    j += w
                    segmentStart = j
                    singleLetterSegments = false
                    continue
                }
                if c == .apostrophe {
                    let suffixStart = j + w
                    var suffixEnd = suffixStart
                    while suffixEnd < n, cls(suffixEnd).0 == .letter { suffixEnd += cls(suffixEnd).1 }
                    if suffixEnd == suffixStart { break }   // trailing apostrophe: a quote mark of its own
                    let atWordEnd = !(isWordChar(suffixEnd) || cls(suffixEnd).0 == .apostrophe
                        || (cls(suffixEnd).0 == .hyphen && isWordChar(suffixEnd + 1)))
                    if atWordEnd, let clitic = clitic(suffixStart, suffixEnd) {
                        if clitic == .negation, j - 1 > start, bytes[j - 1] | 0x20 == UInt8(ascii: "n") {
                            emit(start, j - 1, kind)                      // "do" + "n't"
                            emit(j - 1, suffixEnd, .clitic)
                            return suffixEnd
                        }
                        if clitic == .other {
                            emit(start, j, kind)                          // "O’Malley" + "’s"
                            emit(j, suffixEnd, .clitic)
                            return suffixEnd
                        }
                    }
                    j = suffixEnd                                         // "O’Malley", "d’Artagnan"
                    segmentStart = suffixStart
                    singleLetterSegments = false
                    continue
                }
                if c == .period, singleLetterSegments, j - segmentStart >= 1, j + 1 < n, cls(j + 1).0 == .letter,
                   j + 2 >= n || cls(j + 2).0 == .period {
                    // "U.S.", "e.g.", "a.m.": one-letter segments joined by periods.
                    dotted = true
                    j += 1
                    segmentStart = j
                    continue
                }
                break
            }
            _ = segmentStart
            if j < n, bytes[j] == UInt8(ascii: "."), !(j + 1 < n && bytes[j + 1] == UInt8(ascii: ".")) {
                if dotted || takesPeriod(start, j) {
                    emit(start, j + 1, kind)
                    return j + 1
                }
            }
            emit(start, j, kind)
            return j
        }

        enum Clitic { case negation, other }

        /// "’s", "'re", "'ve", "'ll", "'d", "'m" split off; "n't" when the letter before the apostrophe is "n".
        func clitic(_ from: Int, _ to: Int) -> Clitic? {
            var lower: [UInt8] = []
            for i in from..<to {
                guard bytes[i] < 0x80 else { return nil }
                lower.append(bytes[i] | 0x20)
                if lower.count > 2 { return nil }
            }
            switch lower {
            case [UInt8(ascii: "t")]: return .negation
            case [UInt8(ascii: "s")], [UInt8(ascii: "d")], [UInt8(ascii: "m")],
                 [UInt8(ascii: "r"), UInt8(ascii: "e")], [UInt8(ascii: "v"), UInt8(ascii: "e")],
                 [UInt8(ascii: "l"), UInt8(ascii: "l")]:
                return .other
            default: return nil
            }
        }

        /// Whether the word `start..<end`, followed by a period at `end`, keeps that period.
        func takesPeriod(_ start: Int, _ end: Int) -> Bool {
            // An initial: one uppercase letter ("J. K. Rowling").
            let (_, w) = cls(start)
            if start + w == end, CharacterClass.isUppercase(at: start, in: bytes) { return true }
            switch Abbreviations.kind(bytes, start..<end) {
            case .title?, .mayEnd?: return true
            case .numberPrefix?:
                var k = end + 1
                while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                return isDigit(k)
            case nil: return false
            }
        }
    }
}
