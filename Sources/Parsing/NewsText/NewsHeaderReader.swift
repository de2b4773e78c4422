import Foundation
import PipelineKit

/// Reads the header of a plain-text news article: headline, date and source lines, byline, dateline.
///
/// The text itself is never changed (offsets still match the user's file); the reader only records
/// values and spans. Shapes it knows:
///
/// ```text
/// Iran top commander rejects negotiation with US as total surrender      ← title (a line, then a blank line)
///
/// Last Update: 2019-04-29 00:00:00 - Source: Rudaw                       ← published, source
/// Published: March 14, 2026 | Updated 10:30 AM                           ← published (updated kept apart)
/// By Jane Doe                                                            ← byline (also a few paragraphs down)
///
/// ERBIL, Kurdistan Region —US government …                               ← dateline, then the body
/// DALLAS (AP) — …   WASHINGTON — …   LONDON, March 3 (Reuters) - …      ← agency in parens → source
/// ```
///
/// ```swift
/// let header = NewsHeaderReader.read(text)
/// header.fields["title"]?.value   // "Iran top commander rejects …"
/// ```
enum NewsHeaderReader {
    /// A trimmed line of the text and the UTF-8 offset where its content starts.
    struct Line {
        var start: Int
        var text: String
        var isBlank: Bool { text.isEmpty }
        var end: Int { start + text.utf8.count }

        func span(_ range: Range<String.Index>) -> Span {
            Span(start: start + text.utf8.distance(from: text.startIndex, to: range.lowerBound),
                 end: start + text.utf8.distance(from: text.startIndex, to: range.upperBound))
        }
    }

    /// Header lines are looked for in the first lines only: reading stays O(1) per document.
    static let maxLines = 40
    static let maxBytes = 8192

    static func read(_ text: String) -> NewsHeader {
        let lines = leadingLines(text)
        var header = NewsHeader()
        var i = 0
        while i < lines.count, lines[i].isBlank { i += 1 }
        guard i < lines.count else { return header }

        // The headline: a short line that is not itself a header field, followed by a blank or header line.
        if !isFieldLine(lines[i]), looksLikeHeadline(lines[i].text), dateline(in: lines[i]) == nil {
            let next = i + 1 < lines.count ? lines[i + 1] : nil
            if next == nil || next!.isBlank || isFieldLine(next!) {
                header.set("title", lines[i].text, lines[i].span(lines[i].text.startIndex..<lines[i].text.endIndex))
                header.lineStarts.append(lines[i].start)
                i += 1
            }
        }

        // Header field lines, up to the first line of the story.
        while i < lines.count {
            if lines[i].isBlank { i += 1; continue }
            guard readFieldLine(lines[i], into: &header) else { break }
            header.lineStarts.append(lines[i].start)
            i += 1
        }
        guard i < lines.count else { return header }

        // The story's first line: a dateline, or a byline that opens the paragraph.
        let first = lines[i]
        header.lineStarts.append(first.start)
        header.bodyStart = first.start
        if let found = dateline(in: first) {
            header.set("dateline", found.place.value, found.place.span)
            if let agency = found.agency { header.set("source", agency.value, agency.span) }
            header.bodyStart = found.bodyStart
        }

        // A byline standing alone a few paragraphs into the story ("By Priya Raman").
        if header.fields["byline"] == nil {
            var paragraphsSeen = 0
            var k = i + 1
            while k < lines.count, paragraphsSeen < 6 {
                if lines[k].isBlank { k += 1; continue }
                let standsAlone = lines[k - 1].isBlank && (k + 1 >= lines.count || lines[k + 1].isBlank)
                if standsAlone, let byline = byline(in: lines[k], range: lines[k].text.startIndex..<lines[k].text.endIndex) {
                    header.set("byline", byline.value, byline.span)
                    header.lineStarts.append(lines[k].start)
                    break
                }
                paragraphsSeen += 1
                k += 1
            }
        }
        return header
    }

    static func leadingLines(_ text: String) -> [Line] {
        var lines: [Line] = []
        let utf8 = text.utf8
        let limit = min(utf8.count, maxBytes)
        var bytes = [UInt8]()
        bytes.reserveCapacity(limit)
        var it = utf8.makeIterator()
        for _ in 0..<limit { bytes.append(it.next()!) }
        var lineStart = 0
        while lineStart <= bytes.count, lines.count < maxLines {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd == bytes.count, limit < utf8.count { break }   // a cut line: not used
            var s = lineStart, e = lineEnd
            while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 || bytes[s] == 0x0D { s += 1 }
            while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
            // Trailing NBSP and other Unicode spaces.
            var content = String(decoding: bytes[s..<e], as: UTF8.self)
            while let last = content.unicodeScalars.last, last.properties.isWhitespace { content.unicodeScalars.removeLast() }
            lines.append(Line(start: s, text: content))
            if lineEnd == bytes.count { break }
            lineStart = lineEnd + 1
        }
        return lines
    }

    static func looksLikeHeadline(_ line: String) -> Bool {
        let count = line.utf8.count
        guard count >= 2, count <= 300, let last = line.last, let first = line.unicodeScalars.first else { return false }
        if ",;:".contains(last) { return false }
        if last == ".", !line.hasSuffix("...") { return false }
        // A lowercase start is prose ("and then…"), unless the word is a brand such as "iTunes" or "eBay".
        if first.properties.isLowercase, !(line.split(separator: " ").first?.contains(where: { $0.isUppercase }) ?? false) { return false }
        return line.contains(where: { $0.isLetter })
    }

    // MARK: Field lines

    static let publishedKeywords = ["first published", "published on", "published", "posted on", "posted", "date", "dated"]
    static let updatedKeywords = ["last updated", "last update", "last modified", "updated on", "updated", "modified"]

    static func isFieldLine(_ line: Line) -> Bool {
        var scratch = NewsHeader()
        return readFieldLine(line, into: &scratch)
    }

    /// Reads a line made of header segments ("Last Update: … - Source: Rudaw"); false if it is not one.
    static func readFieldLine(_ line: Line, into header: inout NewsHeader) -> Bool {
        guard !line.isBlank, line.text.utf8.count <= 200 else { return false }
        let segments = segments(of: line.text)
        var found = NewsHeader()
        var recognized = 0
        for range in segments {
            if readSegment(line, range, into: &found) {
                recognized += 1
            } else if line.text[range].split(separator: " ").count > 5 {
                return false   // a sentence, not a header
            }
        }
        guard recognized > 0 else { return false }
        for key in ["published", "source", "byline"] {
            if let f = found.fields[key] { header.set(key, f.value, f.span) }
        }
        // An update date stands in for the publication date only when no publication date is given.
        if let updated = found.fields["updated"] {
            if header.fields["published"] == nil, found.fields["published"] == nil {
                header.set("published", updated.value, updated.span)
            } else {
                header.set("updated", updated.value, updated.span)
            }
        }
        for (k, v) in found.unparsedDates where header.unparsedDates[k] == nil { header.unparsedDates[k] = v }
        return true
    }

    static let separators = [" - ", " | ", " · ", " • ", " — ", " – ", " -- "]

    static func segments(of text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var from = text.startIndex
        while from < text.endIndex {
            guard let sep = firstMatch(of: separators, in: text, within: from..<text.endIndex) else { break }
            result.append(trim(text, from..<sep.lowerBound))
            from = sep.upperBound
        }
        result.append(trim(text, from..<text.endIndex))
        return result.filter { !$0.isEmpty }
    }

    /// The earliest occurrence of any of `needles` in `text[range]` (the first needle listed wins a tie),
    /// found by comparing UTF-8 bytes: Foundation's `range(of:)` bridges to NSString on Linux and cost
    /// more than the rest of the header reading put together.
    static func firstMatch(of needles: [String], in text: String, within range: Range<String.Index>) -> Range<String.Index>? {
        let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let upper = lower + text.utf8.distance(from: range.lowerBound, to: range.upperBound)
        var copy = text
        let match = copy.withUTF8 { bytes -> (start: Int, count: Int)? in
            for i in lower..<upper {
                for needle in needles {
                    let n = needle.utf8
                    guard bytes[i] == n.first!, i + n.count <= upper else { continue }
                    if zip(bytes[i..<(i + n.count)], n).allSatisfy({ $0 == $1 }) { return (i, n.count) }
                }
            }
            return nil
        }
        guard let match else { return nil }
        let start = text.utf8.index(text.startIndex, offsetBy: match.start)
        return start..<text.utf8.index(start, offsetBy: match.count)
    }

    static func trim(_ text: String, _ range: Range<String.Index>) -> Range<String.Index> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, text[lo].isWhitespace { lo = text.index(after: lo) }
        while hi > lo, text[text.index(before: hi)].isWhitespace { hi = text.index(before: hi) }
        return lo..<hi
    }

    static func readSegment(_ line: Line, _ range: Range<String.Index>, into header: inout NewsHeader) -> Bool {
        let text = line.text
        let segment = text[range]
        let lower = segment.lowercased()
        // "Source: Rudaw"
        if lower.hasPrefix("source:") {
            let value = trim(text, text.index(range.lowerBound, offsetBy: 7)..<range.upperBound)
            guard !value.isEmpty else { return false }
            header.set("source", String(text[value]), line.span(value))
            return true
        }
        // "By Jane Doe"
        if let byline = byline(in: line, range: range) {
            header.set("byline", byline.value, byline.span)
            return true
        }
        // "Published: 2019-04-29", "Last Update: …", "Updated 10:30 AM March 3, 2026"
        for (keywords, key) in [(updatedKeywords, "updated"), (publishedKeywords, "published")] {
            for keyword in keywords where lower.hasPrefix(keyword) {
                var valueStart = text.index(range.lowerBound, offsetBy: keyword.count)
                guard valueStart == range.upperBound || !text[valueStart].isLetter else { continue }
                while valueStart < range.upperBound, text[valueStart] == ":" || text[valueStart] == " " || text[valueStart] == "\t" {
                    valueStart = text.index(after: valueStart)
                }
                let value = trim(text, valueStart..<range.upperBound)
                if value.isEmpty { return keyword != "date" && keyword != "dated" ? true : false }
                if let iso = DateNormalizer.iso(String(text[value])) {
                    header.set(key, iso, line.span(value))
                } else if keyword == "date" || keyword == "dated" || text[value].split(separator: " ").count > 6
                            || !text[value].contains(where: { $0.isNumber }) {
                    return false   // "Updated figures show …": a sentence, not a header
                } else {
                    header.unparsedDates[key] = String(text[value])
                }
                return true
            }
        }
        // A bare date: "March 14, 2026", "2026-03-14 09:30".
        if let iso = DateNormalizer.iso(String(segment)) {
            header.set("published", iso, line.span(range))
            return true
        }
        return false
    }

    /// "By Jane Doe", "By JANE DOE and John Smith", "by Jane Doe, Reuters": the names and their span.
    static func byline(in line: Line, range: Range<String.Index>) -> NewsHeader.Field? {
        let text = line.text
        let segment = text[range]
        guard segment.hasPrefix("By ") || segment.hasPrefix("by ") || segment.hasPrefix("BY ") else { return nil }
        let value = trim(text, text.index(range.lowerBound, offsetBy: 3)..<range.upperBound)
        let names = text[value]
        guard !names.isEmpty, names.utf8.count <= 100, !names.hasSuffix(".") || names.dropLast().last?.isUppercase == true
        else { return nil }
        let words = names.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count >= 1, words.count <= 10 else { return nil }
        let joiners: Set<String> = ["and", "&", "de", "van", "von", "der", "da", "di", "la", "le", "bin", "al", "el", "in", "for"]
        for word in words {
            guard let first = word.first else { continue }
            if !(first.isUppercase || joiners.contains(String(word)) || word.hasPrefix("al-") || word.hasPrefix("el-")) { return nil }
        }
        return NewsHeader.Field(value: String(names), span: line.span(value))
    }

    // MARK: Dateline

    struct Dateline {
        var place: NewsHeader.Field
        var agency: NewsHeader.Field?
        var bodyStart: Int
    }

    static let dashes = ["—", "–", " - ", " -- "]

    /// "ERBIL, Kurdistan Region —", "DALLAS (AP) —", "WASHINGTON —", "LONDON, March 3 (Reuters) -".
    static func dateline(in line: Line) -> Dateline? {
        let text = line.text
        let window = text.index(text.startIndex, offsetBy: min(text.count, 120))
        guard let separator = firstMatch(of: dashes, in: text, within: text.startIndex..<window) else { return nil }
        var prefix = trim(text, text.startIndex..<separator.lowerBound)
        guard !prefix.isEmpty else { return nil }
        var agency: NewsHeader.Field?
        if text[prefix].hasSuffix(")"), let open = text[prefix].lastIndex(of: "(") {
            let inner = trim(text, text.index(after: open)..<text.index(before: prefix.upperBound))
            let name = text[inner]
            guard !name.isEmpty, name.count <= 40, name.first!.isUppercase else { return nil }
            agency = NewsHeader.Field(value: String(name), span: line.span(inner))
            prefix = trim(text, prefix.lowerBound..<open)
        }
        // Comma-separated parts: an upper-case place, then region words or a date.
        var parts: [Range<String.Index>] = []
        var from = prefix.lowerBound
        while let comma = text[from..<prefix.upperBound].firstIndex(of: ",") {
            parts.append(trim(text, from..<comma))
            from = text.index(after: comma)
        }
        parts.append(trim(text, from..<prefix.upperBound))
        guard let firstPart = parts.first, isUpperCasePlace(text[firstPart]) || (agency != nil && isTitleCasePlace(text[firstPart]))
        else { return nil }
        var placeEnd = firstPart.upperBound
        var sawDate = false
        for part in parts.dropFirst() {
            let words = text[part].split(separator: " ")
            if let month = words.first, DateNormalizer.months[month.lowercased().trimmingCharacters(in: ["."])] != nil,
               words.count <= 3 {
                sawDate = true
            } else if !sawDate, isTitleCasePlace(text[part]) || isUpperCasePlace(text[part]) {
                placeEnd = part.upperBound
            } else {
                return nil
            }
        }
        let place = firstPart.lowerBound..<placeEnd
        var body = separator.upperBound
        while body < text.endIndex, text[body].isWhitespace { body = text.index(after: body) }
        let bodyOffset = line.start + text.utf8.distance(from: text.startIndex, to: body)
        return Dateline(place: NewsHeader.Field(value: String(text[place]), span: line.span(place)), agency: agency, bodyStart: bodyOffset)
    }

    /// "WASHINGTON", "NORTH ELDON", "ST. LOUIS": 2–40 characters, letters upper case.
    static func isUpperCasePlace(_ s: Substring) -> Bool {
        guard s.count >= 2, s.count <= 40, s.split(separator: " ").count <= 4 else { return false }
        var letters = 0
        for c in s {
            if c.isLetter {
                if !c.isUppercase { return false }
                letters += 1
            } else if !(c == " " || c == "." || c == "-" || c == "'" || c == "’") {
                return false
            }
        }
        return letters >= 2
    }

    /// "Kurdistan Region", "Marrow County", "Calif.": up to 4 capitalized words.
    static func isTitleCasePlace(_ s: Substring) -> Bool {
        let words = s.split(separator: " ")
        guard !words.isEmpty, words.count <= 4, s.count <= 40 else { return false }
        let small: Set<Substring> = ["of", "de", "la", "el", "al", "the", "and", "upon", "on"]
        return words.allSatisfy { w in
            (w.first?.isUppercase ?? false || small.contains(w)) && w.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
        }
    }
}
