import PipelineKit

/// A run of text inside quotation marks, possibly over several paragraphs (an opening mark on each,
/// a closing mark only at the end).
struct QuotedSpan {
    /// The text inside the marks, one piece per paragraph, whitespace trimmed.
    var fragments: [Span]
    /// Token index of the first opening mark, and of the closing mark (nil: the paragraph ended first).
    var open: Int
    var close: Int?
    /// Token range of the content, over all fragments.
    var firstContent: Int
    var lastContent: Int
    var isSingle: Bool

    var span: Span { Span(start: fragments[0].start, end: fragments[fragments.count - 1].end) }
    /// The last token of the quotation, its closing mark included.
    var lastToken: Int { close ?? lastContent }
}

/// Pairs quotation marks paragraph by paragraph.
///
/// Double marks (straight, curly, low-9, guillemets) pair at top level; single marks pair only outside
/// double ones (inside they are part of the content). A mark left open at the end of a paragraph carries
/// over only when the next paragraph opens with a mark; otherwise the quote ends with its paragraph when
/// it began the paragraph or followed ":" or ",", and is dropped if not. So an unpaired mark never
/// swallows the rest of an article.
///
/// ```swift
/// let spans = QuoteMarks.pair(view)   // «“A,” Paul said. “B.”» gives two spans
/// ```
enum QuoteMarks {
    enum Role { case open, close, either }

    /// Role of a double mark token, or nil when the token is no double mark.
    static func doubleRole(_ view: QuoteTokens, _ i: Int) -> Role? {
        // Most tokens are words; comparing their text with each mark below goes through Unicode
        // normalization and was the extractor's largest cost.
        guard view.tokens[i].kind != .word, view.tokens[i].kind != .number else { return nil }
        switch view.lower[i] {
        case "“", "„", "«", "``": return .open
        case "”", "»": return .close
        case "\"", "''", "″": return straightRole(view, i)
        default: return nil
        }
    }

    /// Role of a single mark token ("‘", "’", "'"), or nil.
    static func singleRole(_ view: QuoteTokens, _ i: Int) -> Role? {
        guard view.tokens[i].kind == .quote || view.tokens[i].kind == .punctuation || view.tokens[i].kind == .other else { return nil }
        switch view.lower[i] {
        case "‘", "‹": return view.whitespaceBefore(i) || i == 0 || view.paragraph[i - 1] != view.paragraph[i] ? .open : nil
        case "’", "›", "'":
            let r = straightRole(view, i)
            if view.lower[i] == "’" && r == .open { return nil }   // "’90s"
            return r == .either ? nil : r
        default: return nil
        }
    }

    /// A straight mark opens after whitespace or an opening bracket and closes before whitespace or punctuation.
    static func straightRole(_ view: QuoteTokens, _ i: Int) -> Role { straightRole(view, view.tokens[i].span) }

    static func straightRole(_ view: QuoteTokens, _ t: Span) -> Role {
        let bytes = view.bytes
        let openBefore = TokenIndex.whitespace(endingAt: t.start, in: bytes) || [0x28, 0x5B, 0x2D].contains(bytes[t.start - 1])
        let closeAfter = TokenIndex.whitespace(startingAt: t.end, in: bytes) || ",.;:!?)]-".utf8.contains(bytes[t.end])
        if openBefore && !closeAfter { return .open }
        if closeAfter && !openBefore { return .close }
        return .either
    }

    /// A double mark at token `i`: its role and its last token (two adjacent "'" tokens make one "''" mark,
    /// as in text converted from TeX or the Penn Treebank).
    static func doubleMark(_ view: QuoteTokens, _ i: Int) -> (role: Role, last: Int)? {
        if let r = doubleRole(view, i) { return (r, i) }
        if view.tokens[i].kind != .word, view.lower[i] == "'", i + 1 < view.count, view.lower[i + 1] == "'",
           view.tokens[i].span.end == view.tokens[i + 1].span.start {
            let t = Span(start: view.tokens[i].span.start, end: view.tokens[i + 1].span.end)
            return (straightRole(view, t), i + 1)
        }
        return nil
    }

    static func pair(_ view: QuoteTokens) -> [QuotedSpan] {
        var result: [QuotedSpan] = []
        var carry: QuotedSpan? = nil
        let paragraphs = view.paragraphTokens
        for (p, range) in paragraphs.enumerated() where !range.isEmpty {
            var current = carry
            carry = nil
            var open: (first: Int, last: Int)? = nil
            var singleOpen: Int? = nil
            var i = range.lowerBound
            while i < range.upperBound {
                defer { i += 1 }
                if let (role, markEnd) = doubleMark(view, i), markEnd < range.upperBound {
                    defer { i = markEnd }
                    singleOpen = nil
                    if let o = open {
                        // «fascist?“ he asked»: an opening mark glued to the words before it and followed by a space is a
                        // closing mark typed the wrong way round, not a new quotation.
                        let closesBySpacing = role == .open && markEnd == i && !view.whitespaceBefore(i) && view.whitespaceAfter(i)
                        if role == .open, !closesBySpacing, i - 1 > o.last, view.isTerminal(i - 1) {
                            // «“Pay gaps limit what women can achieve. “It is simply wrong …”»: an opening mark after a
                            // full stop inside a quotation is a paragraph break lost in conversion; the quotation goes on.
                            let f = content(view, from: o.last + 1, to: i - 1)!
                            var c = current ?? QuotedSpan(fragments: [], open: o.first, close: nil, firstContent: f.first,
                                                          lastContent: f.last, isSingle: false)
                            c.fragments.append(f.span)
                            c.lastContent = f.last
                            current = c
                            open = (i, markEnd)
                            continue
                        }
                        if role == .open && !closesBySpacing && view.lower[i] != view.lower[o.first] && view.lower[i] != "\"" && markEnd == i {
                            // A second opening mark: the first one was never closed; restart here.
                            open = (i, markEnd)
                            current = nil
                            continue
                        }
                        let frag = content(view, from: o.last + 1, to: i - 1)
                        if var c = current {
                            if let f = frag { c.fragments.append(f.span); c.lastContent = f.last }
                            c.close = markEnd
                            if !c.fragments.isEmpty { result.append(c) }
                            current = nil
                        } else if let f = frag {
                            result.append(QuotedSpan(fragments: [f.span], open: o.first, close: markEnd, firstContent: f.first,
                                                     lastContent: f.last, isSingle: false))
                        }
                        open = nil
                    } else if role != .close {
                        open = (i, markEnd)
                    }
                } else if open == nil, let role = singleRole(view, i) {
                    if role == .open {
                        singleOpen = i
                    } else if let o = singleOpen, role == .close, i - o >= 3 {
                        if let f = content(view, from: o + 1, to: i - 1) {
                            result.append(QuotedSpan(fragments: [f.span], open: o, close: i, firstContent: f.first,
                                                     lastContent: f.last, isSingle: true))
                        }
                        singleOpen = nil
                    }
                }
            }
            guard let o = open else {
                if let c = current, !c.fragments.isEmpty { result.append(c) }   // continuation that never reopened
                continue
            }
            // The paragraph ended inside a quotation.
            guard let f = content(view, from: o.last + 1, to: range.upperBound - 1) else { continue }
            var q = current ?? QuotedSpan(fragments: [], open: o.first, close: nil, firstContent: f.first,
                                          lastContent: f.last, isSingle: false)
            q.fragments.append(f.span)
            q.lastContent = f.last
            let next = p + 1 < paragraphs.count ? paragraphs[p + 1] : 0..<0
            if !next.isEmpty, let mark = doubleMark(view, next.lowerBound), mark.role != .close {
                carry = q
            } else if current != nil || o.first == range.lowerBound
                        || (o.first > range.lowerBound && [":", ",", "—"].contains(view.lower[o.first - 1])) {
                result.append(q)
            }
        }
        if let c = carry { result.append(c) }
        return result
    }

    /// The content tokens between two indices with their byte span, or nil when empty.
    private static func content(_ view: QuoteTokens, from a: Int, to b: Int) -> (span: Span, first: Int, last: Int)? {
        guard a <= b else { return nil }
        return (view.span(a, b), a, b)
    }
}
