import PipelineKit

/// Turns a document's raw bytes into text: detects the encoding, rejects binary and empty input, and
/// normalizes line ends to "\n".
///
/// - UTF-8, with a byte order mark stripped;
/// - UTF-16 LE/BE with a byte order mark (or without one, when every other byte of ASCII text is 0);
/// - anything else that is not valid UTF-8 is read as Windows-1252 (a superset of Latin-1 for printable
///   text), with a warning, since that is what such news files almost always are;
/// - NUL bytes or many control bytes: a binary file, rejected with the kind when it is recognizable (PDF, ZIP…);
/// - CRLF and lone CR become LF, so `text` (which every span indexes) has one line-end form.
///
/// It never traps: every byte sequence gives either text or `DocumentRejected`.
///
/// ```swift
/// let decoded = try TextDecoder.decode(bytes)
/// document.text = decoded.text
/// document.warnings += decoded.warnings
/// ```
enum TextDecoder {
    struct Decoded {
        var text: String
        /// The encoding read: "utf-8", "utf-16le", "utf-16be", "windows-1252".
        var encoding: String
        var warnings: [String]
    }

    static func decode(_ raw: [UInt8]) throws -> Decoded {
        var decoded = try decodeEncoding(raw)
        decoded.text = normalizeLineEnds(decoded.text)
        if isBlank(decoded.text) { throw DocumentRejected("empty document: it holds no text (only whitespace or nothing)") }
        return decoded
    }

    static func decodeEncoding(_ raw: [UInt8]) throws -> Decoded {
        if raw.count >= 2 {
            if raw[0] == 0xFF, raw[1] == 0xFE, !(raw.count >= 4 && raw[2] == 0 && raw[3] == 0) {
                return Decoded(text: utf16(raw[2...], bigEndian: false), encoding: "utf-16le", warnings: [])
            }
            if raw[0] == 0xFE, raw[1] == 0xFF {
                return Decoded(text: utf16(raw[2...], bigEndian: true), encoding: "utf-16be", warnings: [])
            }
        }
        if let bigEndian = looksLikeBOMlessUTF16(raw) {
            return Decoded(text: utf16(raw[...], bigEndian: bigEndian), encoding: bigEndian ? "utf-16be" : "utf-16le",
                           warnings: ["decoded as UTF-16 \(bigEndian ? "BE" : "LE") without a byte order mark"])
        }
        try rejectBinary(raw)
        var bytes = raw[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: "utf-8", warnings: [])
        }
        return Decoded(text: windows1252(bytes), encoding: "windows-1252",
                       warnings: ["decoded as Windows-1252: not valid UTF-8"])
    }

    // MARK: Binary detection

    static let magic: [(prefix: [UInt8], kind: String)] = [
        (Array("%PDF".utf8), "a PDF file"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or a .docx/.xlsx/.epub file)"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        ([0x1F, 0x8B], "a gzip file"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document (.doc/.xls)"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable"),
    ]

    /// Rejects NUL bytes or more than 1 % control bytes (other than tab, line ends, form feed and ESC).
    static func rejectBinary(_ raw: [UInt8]) throws {
        for (prefix, kind) in magic where raw.starts(with: prefix) {
            throw DocumentRejected("binary file: it is \(kind), not text; convert it to text, HTML, Markdown or JSON Lines first")
        }
        var nul = 0, control = 0
        raw.withUnsafeBufferPointer { bytes in
            for b in bytes where b < 0x20 {
                if b == 0 { nul += 1 } else if b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { control += 1 }
            }
        }
        if nul > 0 {
            throw DocumentRejected("binary file: it contains \(nul) NUL byte\(nul == 1 ? "" : "s"); give a text, HTML, Markdown or JSON Lines file (UTF-16 text needs a byte order mark)")
        }
        if control >= 4, control * 100 > raw.count {
            throw DocumentRejected("binary file: \(control) of its \(raw.count) bytes are control characters; give a text, HTML, Markdown or JSON Lines file")
        }
    }

    /// UTF-16 without a byte order mark: in the first 1,000 units, ASCII text has a 0 in every other byte.
    static func looksLikeBOMlessUTF16(_ raw: [UInt8]) -> Bool? {
        let units = min(raw.count / 2, 1000)
        guard units >= 4 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for u in 0..<units {
            if raw[2 * u] == 0 { zeroEven += 1 }
            if raw[2 * u + 1] == 0 { zeroOdd += 1 }
        }
        if zeroOdd * 10 >= units * 9, zeroEven == 0 { return false }
        if zeroEven * 10 >= units * 9, zeroOdd == 0 { return true }
        return nil
    }

    /// Decodes UTF-16; an odd last byte and unpaired surrogates become U+FFFD instead of failing.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        if i < bytes.endIndex { units.append(0xFFFD) }
        return String(decoding: units, as: UTF16.self)
    }

    /// Windows-1252: Latin-1 plus typographic marks in 0x80–0x9F (the five unassigned bytes map to C1 controls).
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            let value = b >= 0x80 && b < 0xA0 ? cp1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    // MARK: Line ends and blank text

    /// CRLF and lone CR become LF; text without CR is returned as is (no copy).
    static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            if b == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if b == 0x0A, previousCR { previousCR = false; continue }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text is only whitespace (stops at the first other scalar).
    static func isBlank(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !(scalar.properties.isWhitespace || scalar.value == 0xFEFF || scalar.value == 0x200B) {
            return false
        }
        return true
    }
}
