import Foundation

/// Drops, before libxml2 sees the page, the bytes the extractor would throw away anyway: the contents of
/// `<script>` (except JSON-LD, which metadata reads), `<style>`, `<noscript>`, `<svg>` and `<template>`,
/// and HTML comments; and, inside start tags, the attributes the tree builder never reads (`src`,
/// `srcset`, `data-*`, `aria-*`, `onclick`, `href` except on `<link>`…).
///
/// Why: on real news pages more than half of the bytes are inline script and style, and libxml2 scans them
/// one character at a time (about half of `parse`'s time on HTML). This scanner jumps between `<` with
/// `memchr`. The element tags themselves stay, so the tree libxml2 builds has the same shape: only the
/// content of elements the tree builder skips (`HTMLTag.isNeverContent`) disappears. Unread attributes
/// are a third of what is left; libxml2 would copy each into a fresh allocation.
///
/// It follows the HTML tokenizer where it matters: attribute values in quotes may contain `<` and `>`;
/// `<script>` and `<style>` end at the first `</script` / `</style` whatever comes before (comments
/// inside a script do not hide it); a start tag written `<svg/>` has no content (libxml2 reads it so);
/// `<svg>` and `<template>` may nest. Malformed input never fails: an unterminated comment, `<script>` or
/// `<style>` keeps its start and loses everything after it, as libxml2 would skip it anyway; an
/// unterminated tag, or `<noscript>`, `<svg>` or `<template>` without its end tag, is left as it is.
///
/// ```swift
/// let page = Array("<p>a</p><script>var x = '<p>';</script><!-- ad --><p>b</p>".utf8)
/// let lean = HTMLRawTextStripper.strip(page)
/// // "<p>a</p><script></script><p>b</p>"
/// ```
enum HTMLRawTextStripper {
    /// Whether the stripper may run on bytes in `encoding`: `<` and `>` must only ever be ASCII bytes,
    /// which rules out UTF-16/32 and the ISO-2022 family (their double-byte characters can contain 0x3C).
    static func applies(toEncoding encoding: String) -> Bool {
        let label = encoding.lowercased()
        return !["16", "32", "2022", "utf-7", "ucs", "hz"].contains { label.contains($0) }
    }

    static func strip(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { strip($0) }
    }

    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { strip($0) }
    }

    static func strip(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = input.baseAddress, input.count > 0 else { return [] }
        let s = Scanner(base: base, count: input.count)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var copyFrom = 0   // bytes before this have been copied or dropped
        var dropped: [Range<Int>] = []   // attributes of the current start tag that nothing reads
        var i = 0
        func keep(upTo end: Int) {
            if end > copyFrom { out.append(contentsOf: UnsafeBufferPointer(start: base + copyFrom, count: end - copyFrom)) }
        }
        while let p = s.next(UInt8(ascii: "<"), from: i) {
            if s.matches("<!--", at: p) {
                // A comment ends at the first "-->" ("<!-->" included, as in the HTML tokenizer).
                let end = s.find("-->", from: p + 2).map { $0 + 3 } ?? s.count
                keep(upTo: p)
                copyFrom = end
                i = end
                continue
            }
            guard p + 1 < s.count, s.isLetter(s[p + 1]) else {
                i = p + 1
                continue
            }
            var nameEnd = p + 1
            while nameEnd < s.count, s.isNameByte(s[nameEnd]) { nameEnd += 1 }
            let isLink = nameEnd - p - 1 == 4 && s.matches("link", at: p + 1)
            dropped.removeAll(keepingCapacity: true)
            guard let tagEnd = s.endOfTag(from: nameEnd, dropping: &dropped, keepHref: isLink) else { break }   // unterminated tag: leave the rest as is
            for range in dropped {
                keep(upTo: range.lowerBound)
                copyFrom = range.upperBound
            }
            i = tagEnd
            guard let kind = Kind(s, name: p + 1 ..< nameEnd), s[tagEnd - 2] != UInt8(ascii: "/") else { continue }
            if kind == .script && s.containsCaseInsensitive("ld+json", in: nameEnd ..< tagEnd) {
                // JSON-LD is kept; skipping to its end tag saves looking at its "<" bytes.
                i = s.findEndTag(kind, from: tagEnd) ?? s.count
                continue
            }
            // Unterminated: script and style run to the end of input in libxml2 too; the others are closed
            // by libxml2 at their parent's end tag, which this scanner does not track, so they are left to it.
            guard let contentEnd = s.findEndTag(kind, from: tagEnd) ?? (kind.isRawText ? s.count : nil) else { continue }
            keep(upTo: tagEnd)
            copyFrom = contentEnd
            i = contentEnd
        }
        keep(upTo: s.count)
        return out
    }

    /// The elements whose content is dropped.
    private enum Kind {
        /// Raw text: ends at the first matching end tag.
        case script, style, noscript
        /// Markup that may nest: the matching end tag is found by counting.
        case svg, template

        init?(_ s: Scanner, name: Range<Int>) {
            let candidates: [(StaticString, Kind)] = [("script", .script), ("style", .style), ("noscript", .noscript),
                                                      ("svg", .svg), ("template", .template)]
            for (literal, kind) in candidates where literal.utf8CodeUnitCount == name.count && s.matches(literal, at: name.lowerBound) {
                self = kind
                return
            }
            return nil
        }

        var name: StaticString {
            switch self {
            case .script: "script"
            case .style: "style"
            case .noscript: "noscript"
            case .svg: "svg"
            case .template: "template"
            }
        }

        var nests: Bool { self == .svg || self == .template }
        var isRawText: Bool { self == .script || self == .style }
    }

    private struct Scanner {
        let base: UnsafePointer<UInt8>
        let count: Int

        subscript(_ i: Int) -> UInt8 { base[i] }

        func next(_ byte: UInt8, from i: Int) -> Int? {
            guard i < count, let hit = memchr(base + i, Int32(byte), count - i) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }

        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

        /// Bytes that continue a tag name: anything but whitespace, "/" and ">".
        func isNameByte(_ b: UInt8) -> Bool {
            b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D && b != UInt8(ascii: "/") && b != UInt8(ascii: ">")
        }

        /// Case-insensitive match of an ASCII literal (lower case) at `i`.
        func matches(_ literal: StaticString, at i: Int) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard i + n <= count else { return false }
            let l = literal.utf8Start
            for k in 0..<n {
                var b = base[i + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != l[k] { return false }
            }
            return true
        }

        func find(_ literal: StaticString, from i: Int) -> Int? {
            let first = literal.utf8Start[0]
            var at = i
            while let p = next(first, from: at) {
                if matches(literal, at: p) { return p }
                at = p + 1
            }
            return nil
        }

        func containsCaseInsensitive(_ literal: StaticString, in range: Range<Int>) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard range.count >= n else { return false }
            for i in range.lowerBound ... range.upperBound - n where matches(literal, at: i) { return true }
            return false
        }

        /// The index just past the ">" closing a start tag whose name ends at `i`, or nil when the input
        /// ends first. Quotes count only where an attribute value starts (after "="), as in HTML.
        func endOfTag(from i: Int) -> Int? {
            var unused: [Range<Int>] = []
            return endOfTag(from: i, dropping: &unused, keepHref: true)
        }

        /// As `endOfTag(from:)`, and collects in `dropped` the attributes (with the blanks before them)
        /// that `keeps` rejects. Attributes are tokenised as libxml2 and the HTML tokenizer do: a name
        /// runs to a blank, "/", ">" or "="; a value is quoted or runs to a blank or ">".
        func endOfTag(from i: Int, dropping dropped: inout [Range<Int>], keepHref: Bool) -> Int? {
            var k = i
            while true {
                let blankStart = k
                while k < count, isBlank(base[k]) || base[k] == UInt8(ascii: "/") { k += 1 }
                guard k < count else { return nil }
                if base[k] == UInt8(ascii: ">") { return k + 1 }
                let nameStart = k
                k += 1   // a name may start with "=" or a quote (a parse error); it is one byte of the name then
                while k < count, !isBlank(base[k]), base[k] != UInt8(ascii: "/"), base[k] != UInt8(ascii: ">"), base[k] != UInt8(ascii: "=") { k += 1 }
                let nameEnd = k
                var j = k
                while j < count, isBlank(base[j]) { j += 1 }
                if j < count, base[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < count, isBlank(base[j]) { j += 1 }
                    guard j < count else { return nil }
                    if base[j] == UInt8(ascii: "\"") || base[j] == UInt8(ascii: "'") {
                        guard let close = next(base[j], from: j + 1) else { return nil }
                        k = close + 1
                    } else {
                        while j < count, !isBlank(base[j]), base[j] != UInt8(ascii: ">") { j += 1 }
                        k = j
                    }
                }
                if !keeps(nameStart ..< nameEnd, href: keepHref) { dropped.append(blankStart ..< k) }
            }
        }

        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }

        /// The attributes `HTMLTreeBuilder` reads (its `Attributes.read`); keep the two lists in step.
        private func keeps(_ name: Range<Int>, href: Bool) -> Bool {
            let n = name.count
            guard n >= 2, n <= 10 else { return false }
            func `is`(_ literal: StaticString) -> Bool { literal.utf8CodeUnitCount == n && matches(literal, at: name.lowerBound) }
            switch base[name.lowerBound] | 0x20 {
            case UInt8(ascii: "c"): return `is`("class") || `is`("content") || `is`("charset")
            case UInt8(ascii: "i"): return `is`("id") || `is`("itemprop") || `is`("itemtype")
            case UInt8(ascii: "r"): return `is`("role") || `is`("rel")
            case UInt8(ascii: "s"): return `is`("style")
            case UInt8(ascii: "h"): return `is`("hidden") || `is`("http-equiv") || (href && `is`("href"))
            case UInt8(ascii: "n"): return `is`("name")
            case UInt8(ascii: "p"): return `is`("property")
            case UInt8(ascii: "t"): return `is`("type")
            case UInt8(ascii: "l"): return `is`("lang")
            case UInt8(ascii: "d"): return `is`("datetime")
            default: return false
            }
        }

        /// Whether `<name` or `</name` at `i` (name starting at `nameStart`) is that element's tag and
        /// not a longer name ("<svgx>", "</scripts").
        private func isTag(_ kind: Kind, nameStart: Int) -> Bool {
            guard matches(kind.name, at: nameStart) else { return false }
            let after = nameStart + kind.name.utf8CodeUnitCount
            return after >= count || !isNameByte(base[after])
        }

        /// Where the end tag closing `kind`'s content starting at `i` begins, or nil when there is none.
        func findEndTag(_ kind: Kind, from i: Int) -> Int? {
            var depth = 1
            var at = i
            while let p = next(UInt8(ascii: "<"), from: at) {
                at = p + 1
                if p + 1 < count, base[p + 1] == UInt8(ascii: "/") {
                    if isTag(kind, nameStart: p + 2) {
                        depth -= 1
                        if depth == 0 { return p }
                    }
                } else if kind.nests, isTag(kind, nameStart: p + 1) {
                    guard let end = endOfTag(from: p + 1) else { return nil }
                    if base[end - 2] != UInt8(ascii: "/") { depth += 1 }
                    at = end
                }
            }
            return nil
        }
    }
}
