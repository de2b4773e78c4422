/// A half-open range of UTF-8 byte offsets into `Document.text`.
///
/// Internally every layer uses UTF-8 offsets, because processors scan bytes (see docs/architecture.md).
/// Exported offsets are Unicode code points; `CodePointIndex` converts at the edge.
///
/// ```swift
/// let span = Span(start: 0, end: 5)
/// print(document.text(of: span))   // the first five bytes of the text, as a String
/// ```
public struct Span: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "Span start \(start) is after its end \(end)")
        self.start = start
        self.end = end
    }

    public init(_ range: Range<Int>) { self.init(start: range.lowerBound, end: range.upperBound) }

    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }
    public var range: Range<Int> { start..<end }

    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }

    public static func < (a: Span, b: Span) -> Bool { (a.start, a.end) < (b.start, b.end) }
    public var description: String { "\(start)..<\(end)" }
}

/// Maps UTF-8 byte offsets of a text to Unicode code point offsets (what Python's `str` indexes with).
///
/// Build it once per document; each lookup is a binary search over the non-ASCII scalars only.
///
/// ```swift
/// let index = CodePointIndex(document.text)
/// let exportedStart = index.codePoint(span.start)
/// ```
public struct CodePointIndex: Sendable {
    /// UTF-8 offset of each multi-byte scalar, and the extra bytes of all such scalars up to and including it.
    private let starts: [Int]
    private let extraThrough: [Int]

    public init(_ text: String) {
        var starts: [Int] = []
        var extraThrough: [Int] = []
        var extra = 0
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                starts.append(i)
                extra += width - 1
                extraThrough.append(extra)
                i += width
            }
        } ?? {
            var i = 0
            for scalar in text.unicodeScalars {
                let width = UTF8.width(scalar)
                if width > 1 {
                    starts.append(i)
                    extra += width - 1
                    extraThrough.append(extra)
                }
                i += width
            }
        }()
        self.starts = starts
        self.extraThrough = extraThrough
    }

    /// The code point offset of a UTF-8 offset on a scalar boundary.
    public func codePoint(_ utf8Offset: Int) -> Int {
        let k = partition { starts[$0] < utf8Offset }
        return k == 0 ? utf8Offset : utf8Offset - extraThrough[k - 1]
    }

    /// The UTF-8 offset of a code point offset.
    public func utf8(_ codePointOffset: Int) -> Int {
        let k = partition { starts[$0] - ($0 == 0 ? 0 : extraThrough[$0 - 1]) < codePointOffset }
        return k == 0 ? codePointOffset : codePointOffset + extraThrough[k - 1]
    }

    /// The number of leading scalars (by index) for which `isBefore` holds.
    private func partition(_ isBefore: (Int) -> Bool) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
