/// Characters that are in a page's text but never shown: the soft hyphen (U+00AD, a hyphenation hint) and
/// the zero-width space, non-joiner, joiner, word joiner and no-break space (U+200B, U+200C, U+200D,
/// U+2060, U+FEFF). Left in, they split words for every later step ("Wäh\u{AD}rend" is not "Während").
///
/// They are dropped while the tree's text is built, so every offset into `Document.text` is already
/// an offset into the cleaned text.
///
/// ```swift
/// HTMLInvisibles.length(at: bytes, i, count)   // 2 for C2 AD, 3 for E2 80 8B, 0 for anything visible
/// ```
enum HTMLInvisibles {
    /// The length in bytes of the invisible character starting at `i`, or 0. Only lead bytes C2, E2 and EF
    /// can start one, so callers test for those first and the common path costs one comparison.
    @inline(__always)
    static func length(at p: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> Int {
        switch p[i] {
        case 0xC2:
            return i + 1 < count && p[i + 1] == 0xAD ? 2 : 0
        case 0xE2:
            guard i + 2 < count else { return 0 }
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 == 0x80 && (b2 == 0x8B || b2 == 0x8C || b2 == 0x8D) { return 3 }
            if b1 == 0x81 && b2 == 0xA0 { return 3 }
            return 0
        case 0xEF:
            return i + 2 < count && p[i + 1] == 0xBB && p[i + 2] == 0xBF ? 3 : 0
        default:
            return 0
        }
    }

    /// Whether a byte can start an invisible character.
    @inline(__always)
    static func mayStart(_ b: UInt8) -> Bool { b == 0xC2 || b == 0xE2 || b == 0xEF }

    /// `s` without invisible characters (for metadata strings; body text is cleaned in the tree builder).
    static func removed(from s: String) -> String {
        var s = s
        return s.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.contains(where: mayStart) else { return nil as String? }
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            var i = 0
            while i < buffer.count {
                let skip = mayStart(base[i]) ? length(at: base, i, buffer.count) : 0
                if skip > 0 {
                    i += skip
                } else {
                    out.append(base[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? s
    }
}
