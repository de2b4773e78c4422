import PipelineKit

/// Finds paragraphs: blocks of non-blank lines separated by one or more blank lines.
///
/// Each span is trimmed of surrounding whitespace. `breaks` are offsets (line starts) where a new
/// paragraph must begin even without a blank line, so a headline or a "Last Update: …" header line
/// directly followed by text is its own paragraph.
///
/// ```swift
/// ParagraphSplitter.split("Title\n\nFirst para.\nStill first.\n\nSecond.")   // 3 spans
/// ```
enum ParagraphSplitter {
    static func split(_ text: String, breaks: [Int] = []) -> [Span] {
        var text = text
        return text.withUTF8 { split(bytes: $0, breaks: breaks) }
    }

    static func split(bytes: UnsafeBufferPointer<UInt8>, breaks: [Int] = []) -> [Span] {
        var paragraphs: [Span] = []
        let n = bytes.count
        var breakIndex = 0
        let breaks = breaks.sorted()
        var paragraphStart = -1     // first non-blank byte of the open paragraph
        var lastContentEnd = 0      // end of the last non-whitespace byte seen
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
            if blank || forcedBreak {
                if paragraphStart >= 0 { paragraphs.append(Span(start: paragraphStart, end: lastContentEnd)) }
                paragraphStart = -1
            }
            if !blank {
                if paragraphStart < 0 { paragraphStart = s }
                lastContentEnd = e
            }
            lineStart = lineEnd + 1
        }
        if paragraphStart >= 0 { paragraphs.append(Span(start: paragraphStart, end: lastContentEnd)) }
        return paragraphs
    }

    @inline(__always) static func isBlankByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }
}
