import PipelineKit

/// Turns Markdown into readable text: the words a reader sees, without markup.
///
/// Headings, paragraphs, list items, table rows and block quotes each become a paragraph, separated by a
/// blank line; emphasis, code spans, links (→ their text), autolinks and inline HTML tags lose their
/// markup; images, fenced code blocks, link reference definitions and thematic breaks are left out
/// (they are not prose). A YAML front matter block (`---` … `---`) is read for `title`, `date`,
/// `author`, `source`, `url`, `language` and dropped from the text.
///
/// The first heading is the title: it stays in `text` and its span is recorded, like a news text's headline.
///
/// ```swift
/// let md = MarkdownReader.read("# Budget approved\n\nThe **harbor** board [voted](https://x.y) yes.")
/// md.text    // "Budget approved\n\nThe harbor board voted yes."
/// md.title   // "Budget approved"
/// ```
enum MarkdownReader {
    struct Result {
        var text: String
        var title: String?
        var titleSpan: Span?
        /// Where the text after the title starts.
        var bodyStart: Int?
        var frontMatter: [String: String] = [:]
    }

    static func read(_ source: String) -> Result {
        var reader = BlockReader()
        var source = source
        source.withUTF8 { reader.run(Array($0)) }
        var result = Result(text: String(decoding: reader.out, as: UTF8.self), title: nil, titleSpan: reader.titleSpan,
                            bodyStart: nil, frontMatter: reader.frontMatter)
        if let span = reader.titleSpan {
            result.title = String(decoding: reader.out[span.start..<span.end], as: UTF8.self)
            var body = span.end
            while body < reader.out.count, reader.out[body] == 0x0A { body += 1 }
            if body < reader.out.count { result.bodyStart = body }
        }
        return result
    }

    private struct BlockReader {
        var out: [UInt8] = []
        var block: [[UInt8]] = []
        var titleSpan: Span?
        var frontMatter: [String: String] = [:]

        mutating func flush() {
            guard !block.isEmpty else { return }
            let lines = block.filter { !$0.isEmpty }
            block = []
            guard !lines.isEmpty else { return }
            if !out.isEmpty { out.append(contentsOf: [0x0A, 0x0A]) }
            for (k, line) in lines.enumerated() {
                if k > 0 { out.append(0x0A) }
                out.append(contentsOf: line)
            }
        }

        mutating func heading(_ content: [UInt8]) {
            flush()
            let text = Inline.strip(content)
            guard !text.isEmpty else { return }
            if !out.isEmpty { out.append(contentsOf: [0x0A, 0x0A]) }
            let start = out.count
            out.append(contentsOf: text)
            if titleSpan == nil { titleSpan = Span(start: start, end: out.count) }
        }

        mutating func run(_ bytes: [UInt8]) {
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
            readFrontMatter(&lines)
            var fence: (marker: UInt8, length: Int)?
            for line in lines {
                var indent = 0, i = 0
                while i < line.count, line[i] == 0x20 || line[i] == 0x09 { indent += line[i] == 0x09 ? 4 : 1; i += 1 }
                var rest = Array(line[i...])
                while let last = rest.last, last == 0x20 || last == 0x09 || last == 0x0D { rest.removeLast() }
                if let open = fence {
                    let run = rest.prefix { $0 == open.marker }.count
                    if run >= open.length, rest.count == run { fence = nil }
                    continue
                }
                if rest.isEmpty { flush(); continue }
                // Block quotes: drop the markers and read what is inside.
                while rest.first == UInt8(ascii: ">") {
                    rest.removeFirst()
                    if rest.first == 0x20 { rest.removeFirst() }
                }
                if rest.isEmpty { flush(); continue }
                let first = rest[0]
                if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                    let run = rest.prefix { $0 == first }.count
                    if run >= 3 { flush(); fence = (first, run); continue }
                }
                if first == UInt8(ascii: "#") {
                    let level = rest.prefix { $0 == first }.count
                    if level <= 6, level == rest.count || rest[level] == 0x20 || rest[level] == 0x09 {
                        var content = Array(rest[level...]).trimmedASCII
                        while let last = content.last, last == UInt8(ascii: "#") || last == 0x20 { content.removeLast() }
                        heading(content)
                        continue
                    }
                }
                if isRule(rest, marker: UInt8(ascii: "=")), !block.isEmpty, rest.allSatisfy({ $0 == UInt8(ascii: "=") }) {
                    setextHeading(); continue
                }
                if rest.allSatisfy({ $0 == UInt8(ascii: "-") }), rest.count >= 2, !block.isEmpty {
                    setextHeading(); continue
                }
                if isRule(rest, marker: UInt8(ascii: "-")) || isRule(rest, marker: UInt8(ascii: "*")) || isRule(rest, marker: UInt8(ascii: "_")) {
                    flush(); continue
                }
                if isReferenceDefinition(rest) { continue }
                if let itemStart = listItemContent(rest) {
                    flush()
                    block.append(Inline.strip(Array(rest[itemStart...])))
                    continue
                }
                if first == UInt8(ascii: "|") || (rest.contains(UInt8(ascii: "|")) && block.isEmpty && rest.count > 2 && isTableRowLike(rest)) {
                    if isTableSeparator(rest) { continue }
                    flush()
                    block.append(tableRow(rest))
                    flush()
                    continue
                }
                _ = indent
                block.append(Inline.strip(rest))
            }
            flush()
        }

        /// A setext heading: the paragraph lines above "===" or "---".
        mutating func setextHeading() {
            let lines = block
            block = []
            var joined: [UInt8] = []
            for (k, l) in lines.enumerated() {
                if k > 0 { joined.append(0x20) }
                joined.append(contentsOf: l)
            }
            // The lines are already inline-stripped.
            flush()
            if !out.isEmpty { out.append(contentsOf: [0x0A, 0x0A]) }
            let start = out.count
            out.append(contentsOf: joined)
            if titleSpan == nil, !joined.isEmpty { titleSpan = Span(start: start, end: out.count) }
        }

        mutating func readFrontMatter(_ lines: inout [[UInt8]]) {
            guard let first = lines.first, first.trimmedASCII == Array("---".utf8) else { return }
            guard let close = lines.dropFirst().prefix(200).firstIndex(where: { $0.trimmedASCII == Array("---".utf8) || $0.trimmedASCII == Array("...".utf8) })
            else { return }
            for line in lines[1..<close] {
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                let key = String(decoding: line[..<colon], as: UTF8.self).trimmingASCIISpaces.lowercased()
                var value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIISpaces
                if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                    value = String(value.dropFirst().dropLast())
                }
                if !key.isEmpty, !value.isEmpty { frontMatter[key] = value }
            }
            lines.removeSubrange(0...close)
        }

        func isRule(_ line: [UInt8], marker: UInt8) -> Bool {
            var count = 0
            for b in line {
                if b == marker { count += 1 } else if b != 0x20 { return false }
            }
            return count >= 3
        }

        func isReferenceDefinition(_ line: [UInt8]) -> Bool {
            guard line.first == UInt8(ascii: "["), let close = line.firstIndex(of: UInt8(ascii: "]")),
                  close + 1 < line.count, line[close + 1] == UInt8(ascii: ":") else { return false }
            return true
        }

        /// Where a list item's content starts ("- ", "* ", "+ ", "1. ", "2) "), or nil.
        func listItemContent(_ line: [UInt8]) -> Int? {
            guard let first = line.first else { return nil }
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
                guard line.count > 1, line[1] == 0x20 || line[1] == 0x09 else { return nil }
                var k = 2
                while k < line.count, line[k] == 0x20 { k += 1 }
                // Task lists: "- [ ] item", "- [x] item".
                if k + 3 < line.count, line[k] == UInt8(ascii: "["), line[k + 2] == UInt8(ascii: "]"), line[k + 3] == 0x20 { k += 4 }
                return k
            }
            var k = 0
            while k < line.count, k < 9, line[k] >= 0x30, line[k] <= 0x39 { k += 1 }
            guard k > 0, k + 1 < line.count, line[k] == UInt8(ascii: ".") || line[k] == UInt8(ascii: ")"), line[k + 1] == 0x20 else { return nil }
            k += 2
            while k < line.count, line[k] == 0x20 { k += 1 }
            return k
        }

        func isTableRowLike(_ line: [UInt8]) -> Bool { line.filter { $0 == UInt8(ascii: "|") }.count >= 2 }

        func isTableSeparator(_ line: [UInt8]) -> Bool {
            line.contains(UInt8(ascii: "-")) && line.allSatisfy {
                $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == 0x20
            }
        }

        /// "| a | b |" → "a | b": cells keep a separator so they do not run together.
        func tableRow(_ line: [UInt8]) -> [UInt8] {
            var cells = line.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { Inline.strip(Array($0).trimmedASCII) }
            if line.first == UInt8(ascii: "|"), cells.first?.isEmpty == true { cells.removeFirst() }
            if line.last == UInt8(ascii: "|"), cells.last?.isEmpty == true { cells.removeLast() }
            var row: [UInt8] = []
            for (k, cell) in cells.enumerated() {
                if k > 0 { row.append(contentsOf: Array(" | ".utf8)) }
                row.append(contentsOf: cell)
            }
            return row
        }
    }

    /// Inline markup: emphasis, code spans, links, images, autolinks, HTML tags, backslash escapes.
    enum Inline {
        static func strip(_ s: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(s.count)
            var i = 0
            let n = s.count
            func isAlnum(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            while i < n {
                let b = s[i]
                switch b {
                case UInt8(ascii: "\\") where i + 1 < n && s[i + 1] < 0x80 && !isAlnum(s[i + 1]) && !isSpace(s[i + 1]):
                    out.append(s[i + 1])
                    i += 2
                case UInt8(ascii: "`"):
                    let run = s[i...].prefix { $0 == b }.count
                    if let close = findRun(s, of: b, length: run, from: i + run) {
                        var content = Array(s[(i + run)..<close])
                        if content.count >= 2, content.first == 0x20, content.last == 0x20 { content = Array(content.dropFirst().dropLast()) }
                        out.append(contentsOf: content)
                        i = close + run
                    } else {
                        out.append(contentsOf: s[i..<(i + run)])
                        i += run
                    }
                case UInt8(ascii: "!") where i + 1 < n && s[i + 1] == UInt8(ascii: "["):
                    if let (_, end) = link(s, at: i + 1) { i = end } else { out.append(b); i += 1 }
                case UInt8(ascii: "["):
                    if let (label, end) = link(s, at: i) {
                        out.append(contentsOf: strip(Array(s[label])))
                        i = end
                    } else {
                        out.append(b)
                        i += 1
                    }
                case UInt8(ascii: "<"):
                    if let close = s[i...].prefix(2000).firstIndex(of: UInt8(ascii: ">")), close > i + 1 {
                        let inner = Array(s[(i + 1)..<close])
                        let innerText = String(decoding: inner, as: UTF8.self)
                        if innerText.hasPrefix("http://") || innerText.hasPrefix("https://") || innerText.hasPrefix("mailto:")
                            || (inner.contains(UInt8(ascii: "@")) && !inner.contains(0x20)) {
                            out.append(contentsOf: inner)
                            i = close + 1
                            continue
                        }
                        let tagStart = inner.first == UInt8(ascii: "/") ? 1 : 0
                        if tagStart < inner.count, ((inner[tagStart] | 0x20) >= 0x61 && (inner[tagStart] | 0x20) <= 0x7A) || inner[tagStart] == UInt8(ascii: "!") {
                            i = close + 1   // an inline HTML tag
                            continue
                        }
                    }
                    out.append(b)
                    i += 1
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    let run = s[i...].prefix { $0 == b }.count
                    let before: UInt8? = i > 0 ? s[i - 1] : nil
                    let after: UInt8? = i + run < n ? s[i + run] : nil
                    let leftFlanking = after.map { !isSpace($0) } ?? false
                    let rightFlanking = before.map { !isSpace($0) } ?? false
                    let intraword = (before.map(isAlnum) ?? false) && (after.map(isAlnum) ?? false)
                    let isDelimiter = (leftFlanking || rightFlanking) && !(b == UInt8(ascii: "_") && intraword)
                        && !(b == UInt8(ascii: "~") && run < 2)
                    if !isDelimiter { out.append(contentsOf: s[i..<(i + run)]) }
                    i += run
                default:
                    out.append(b)
                    i += 1
                }
            }
            return out
        }

        static func findRun(_ s: [UInt8], of b: UInt8, length: Int, from: Int) -> Int? {
            var k = from
            while k < s.count {
                if s[k] == b {
                    let run = s[k...].prefix { $0 == b }.count
                    if run == length { return k }
                    k += run
                } else {
                    k += 1
                }
            }
            return nil
        }

        /// `[label](url)` or `[label][ref]` at `i`: the label range and the index after the link.
        static func link(_ s: [UInt8], at i: Int) -> (Range<Int>, Int)? {
            var depth = 0
            var k = i
            while k < s.count {
                if s[k] == UInt8(ascii: "[") { depth += 1 }
                if s[k] == UInt8(ascii: "]") { depth -= 1; if depth == 0 { break } }
                k += 1
            }
            guard k < s.count, k + 1 < s.count else { return nil }
            let label = (i + 1)..<k
            let opener = s[k + 1]
            let closer: UInt8 = opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : 0
            guard closer != 0 else { return nil }
            var m = k + 2
            var parens = 1
            while m < s.count {
                if s[m] == opener, opener == UInt8(ascii: "(") { parens += 1 }
                if s[m] == closer { parens -= 1; if parens == 0 { return (label, m + 1) } }
                m += 1
            }
            return nil
        }
    }
}

extension Array where Element == UInt8 {
    var trimmedASCII: [UInt8] {
        var lo = 0, hi = count
        while lo < hi, self[lo] == 0x20 || self[lo] == 0x09 || self[lo] == 0x0D { lo += 1 }
        while hi > lo, self[hi - 1] == 0x20 || self[hi - 1] == 0x09 || self[hi - 1] == 0x0D { hi -= 1 }
        return Array(self[lo..<hi])
    }
}

extension String {
    var trimmingASCIISpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
