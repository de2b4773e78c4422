/// A 64-bit FNV-1a hash of a phrase's bytes, the key of every lexicon lookup.
///
/// Lexicon entries and token sequences hash the same way, so a gazetteer lookup never builds a String:
/// whitespace between tokens counts as one space, adjacent tokens ("U" "." "S" ".") join without one,
/// and the curly apostrophe counts as a straight one.
///
/// ```swift
/// var h = PhraseHash()
/// h.add("Middle"); h.addSpace(); h.add("East")
/// lexicons.gazetteer[h.value]   // .loc
/// ```
struct PhraseHash: Hashable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    mutating func addSpace() { add(byte: 0x20) }

    /// Adds bytes, folding ’ (E2 80 99) to ' and, when `lowercase`, ASCII letters to lower case.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, lowercase: Bool = false) {
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
                add(byte: 0x27)
                i += 3
                continue
            }
            add(byte: lowercase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            i += 1
        }
    }

    /// Hashes a lexicon phrase, collapsing runs of whitespace to one space.
    static func of(_ phrase: some StringProtocol, lowercase: Bool = false) -> UInt64 {
        var h = PhraseHash()
        var pendingSpace = false
        var utf8 = Array(phrase.utf8)
        // Fold ’ in lexicon text exactly as in documents.
        utf8.withUnsafeBufferPointer { buf in
            var i = 0
            var start = 0
            while i <= buf.count {
                let isSpace = i == buf.count || buf[i] == 0x20 || buf[i] == 0x09
                if isSpace {
                    if i > start {
                        if pendingSpace { h.addSpace() }
                        h.add(buf, from: start, to: i, lowercase: lowercase)
                        pendingSpace = true
                    }
                    start = i + 1
                }
                i += 1
            }
        }
        utf8.removeAll()
        return h.value
    }
}
