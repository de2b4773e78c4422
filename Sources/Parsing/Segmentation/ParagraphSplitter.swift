import PipelineKit

/// Finds paragraphs: blocks of non-blank lines separated by one or more blank lines.
///
/// Each span is trimmed of surrounding whitespace. `breaks` are offsets (line starts) where a new
/// paragraph must begin even without a blank line, so a headline or a "Last Update: …" header line
/// directly followed by text is its own paragraph.
///
/// A block holding a line longer than ``wrapWidth`` characters was not wrapped at a fixed width (mail and
/// plain-text files wrap at 72–80), so each of its lines is a paragraph: scraped news and JSON Lines records
/// often separate paragraphs by a single line break.
///
/// ```swift
/// ParagraphSplitter.split("Title\n\nFirst para.\nStill first.\n\nSecond.")   // 3 spans
/// ```
enum ParagraphSplitter {
    /// The longest line a hard-wrapped block has, in characters.
    static let wrapWidth = 100

    static func split(_ text: String, breaks: [Int] = []) -> [Span] {
        var text = text
        return text.withUTF8 { split(bytes: $0, breaks: breaks) }
    }

    static func split(bytes: UnsafeBufferPointer<UInt8>, breaks: [Int] = []) -> [Span] {
        var paragraphs: [Span] = []
        var block: [Span] = []      // the non-blank lines of the open block, trimmed
        var blockIsWrapped = true
        func closeBlock() {
            guard let first = block.first, let last = block.last else { return }
            if blockIsWrapped {
                paragraphs.append(Span(start: first.start, end: last.end))
            } else {
                paragraphs += block
            }
            block.removeAll(keepingCapacity: true)
            blockIsWrapped = true
        }
        let n = bytes.count
        var breakIndex = 0
        let breaks = breaks.sorted()
        var lineStart = 0
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            // The line's content, without surrounding spaces, tabs or CR.
            var s = lineStart, e = lineEnd
            while s < e, isBlankByte(bytes[s]) { s += 1 }
            while e > s, isBlankByte(bytes[e - 1]) { e -= 1 }
            // Unicode spaces (NBSP, U+2028…) make a blank line too.
            var blank = s == e
            if !blank, bytes[s] >= 0x80 {
                var k = s
                blank = true
                while k < e {
                    let (c, w) = CharacterClass.at(k, in: bytes)
                    if c != .space && c != .newline { blank = false; break }
                    k += w
                }
            }
            while breakIndex < breaks.count, breaks[breakIndex] < lineStart { breakIndex += 1 }
            let forcedBreak = breakIndex < breaks.count && breaks[breakIndex] >= lineStart && breaks[breakIndex] <= s && !blank
            if blank || forcedBreak { closeBlock() }
            if !blank {
                block.append(Span(start: s, end: e))
                if blockIsWrapped, e - s > wrapWidth, characterCount(bytes, s, e) > wrapWidth { blockIsWrapped = false }
            }
            lineStart = lineEnd + 1
        }
        closeBlock()
        return paragraphs
    }

    /// UTF-8 lead bytes: one per character.
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        for i in start..<end where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    @inline(__always) static func isBlankByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }
}
