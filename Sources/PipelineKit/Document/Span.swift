/// A half-open range of UTF-8 byte offsets into `Document.text`.
///
/// In memory every layer, core or custom, uses UTF-8 offsets, because processors scan bytes (see
/// docs/architecture.md). Exported offsets are Unicode code points: where a document leaves the process
/// (`export`, `exec`), `Span`'s own Codable form converts, so a `Span` anywhere inside a custom layer's
/// value is converted too, with no work from the processor that made it (see `SpanOffsets`).
///
/// ```swift
/// let span = Span(start: 0, end: 5)
/// print(document.text(of: span))   // the first five bytes of the text, as a String
/// ```
public struct Span: Hashable, Comparable, Sendable, CustomStringConvertible {
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

extension Span: Codable {
    enum CodingKeys: String, CodingKey { case start, end }

    /// `{"start":…,"end":…}`: code points where the encoder carries `SpanOffsets` (export, exec), else
    /// UTF-8 offsets as held. A span outside the text or inside a character is an error, not a wrong offset.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let offsets = encoder.userInfo[.spanOffsets] as? SpanOffsets {
            let (s, e) = try offsets.codePoints(self, at: encoder.codingPath)
            try c.encode(s, forKey: .start)
            try c.encode(e, forKey: .end)
        } else {
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let s = try c.decode(Int.self, forKey: .start), e = try c.decode(Int.self, forKey: .end)
        if let offsets = decoder.userInfo[.spanOffsets] as? SpanOffsets {
            guard let span = offsets.utf8(start: s, end: e) else {
                throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription:
                    "span \(s)..<\(e) is outside the text (\(offsets.codePointCount) code points)")
            }
            self = span
        } else {
            guard 0 <= s, s <= e else {
                throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription: "span \(s)..<\(e) ends before it starts")
            }
            self.init(start: s, end: e)
        }
    }
}

extension CodingUserInfoKey {
    /// Carries a `SpanOffsets` in an encoder's or decoder's `userInfo`: spans then convert to and from code points.
    public static let spanOffsets = CodingUserInfoKey(rawValue: "pipeline.spanOffsets")!
}

/// The one conversion between in-memory spans (UTF-8) and published spans (code points) for one document.
///
/// `DocumentJSON` puts it in the encoder's `userInfo` when it writes custom layers, and in the decoder's
/// when a JSON layer is read as a Swift type; `Span`'s Codable form does the rest. A processor only
/// needs it to encode a layer by hand in the published form:
///
/// ```swift
/// let encoder = JSONEncoder()
/// encoder.userInfo[.spanOffsets] = SpanOffsets(text: document.text, documentID: document.id)
/// let json = try encoder.encode(myLayer)          // every Span inside as code points
/// ```
public final class SpanOffsets: Sendable {
    let bytes: [UInt8]
    let index: CodePointIndex
    let documentID: String
    let codePointCount: Int

    public init(text: String, documentID: String = "") {
        bytes = Array(text.utf8)
        index = CodePointIndex(text)
        self.documentID = documentID
        codePointCount = index.codePoint(bytes.count)
    }

    /// The code point offsets of a span, after checking it lies in the text on character boundaries.
    func codePoints(_ s: Span, at path: [any CodingKey] = []) throws -> (Int, Int) {
        try check(s, path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined())
        return (index.codePoint(s.start), index.codePoint(s.end))
    }

    func check(_ s: Span, _ what: String) throws {
        guard s.start >= 0, s.end <= bytes.count, s.start <= s.end else {
            throw DocumentJSONError("document \(documentID): \(what): span \(s) is outside the text (\(bytes.count) UTF-8 bytes); the step that made it has a bug")
        }
        // A UTF-8 continuation byte (10xxxxxx) at an edge means the span cuts a character in two.
        if (s.start < bytes.count && bytes[s.start] & 0xC0 == 0x80) || (s.end < bytes.count && bytes[s.end] & 0xC0 == 0x80) {
            throw DocumentJSONError("document \(documentID): \(what): span \(s) cuts a character in two; the step that made it has a bug")
        }
    }

    /// The UTF-8 span of code point offsets, or nil when they do not fit the text.
    func utf8(start: Int, end: Int) -> Span? {
        guard 0 <= start, start <= end, end <= codePointCount else { return nil }
        return Span(start: index.utf8(start), end: index.utf8(end))
    }
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
