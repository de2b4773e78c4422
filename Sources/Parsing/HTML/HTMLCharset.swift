import Foundation

/// Picks the character encoding of a page's bytes: byte order mark, then the caller's hint (an HTTP
/// header), then `<meta charset>` / `<meta http-equiv="Content-Type">` in the first 4 KB, else UTF-8.
///
/// Labels follow the WHATWG Encoding standard where it matters for real pages: "iso-8859-1", "latin1"
/// and "us-ascii" mean windows-1252, and a `<meta>` claiming UTF-16 on ASCII-compatible bytes means UTF-8.
///
/// ```swift
/// let encoding = HTMLCharset.detect(bytes, hint: "text/html; charset=ISO-8859-1")   // "windows-1252"
/// ```
enum HTMLCharset {
    struct Detection: Equatable {
        /// The name given to libxml2 (iconv names).
        var encoding: String
        /// Bytes to skip at the start (a byte order mark).
        var bomLength: Int
    }

    static func detect(_ bytes: [UInt8], hint: String?) -> Detection {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Detection(encoding: "UTF-8", bomLength: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return Detection(encoding: "UTF-16LE", bomLength: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return Detection(encoding: "UTF-16BE", bomLength: 2) }
        if let hint, let label = labelFromContentType(hint) ?? (hint.contains("=") ? nil : hint) {
            if let name = normalize(label, fromMeta: false) { return Detection(encoding: name, bomLength: 0) }
        }
        if let label = metaCharset(bytes), let name = normalize(label, fromMeta: true) {
            return Detection(encoding: name, bomLength: 0)
        }
        return Detection(encoding: "UTF-8", bomLength: 0)
    }

    /// The encoding name libxml2/iconv understands for a label, or nil for an unknown label.
    static func normalize(_ label: String, fromMeta: Bool) -> String? {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'"))).lowercased()
        switch l {
        case "": return nil
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "utf-16", "utf-16le", "unicode", "ucs-2", "utf-16be":
            if fromMeta { return "UTF-8" }
            return l == "utf-16be" ? "UTF-16BE" : "UTF-16LE"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252",
             "windows-1252", "x-cp1252", "cp819", "ibm819":
            return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "chinese", "csgb2312": return "GB18030"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j": return "SHIFT_JIS"
        default:
            // Restrict to names iconv plausibly knows: letters, digits, "-", "_", ":".
            guard l.utf8.count <= 40, l.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x3A }) else { return nil }
            return l.uppercased()
        }
    }

    /// "text/html; charset=utf-8" → "utf-8".
    static func labelFromContentType(_ value: String) -> String? {
        let lower = value.lowercased()
        guard let range = lower.range(of: "charset") else { return nil }
        var rest = lower[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { $0 != ";" && $0 != "\"" && $0 != "'" && $0 != " " && $0 != ">" && $0 != "/" }
        return label.isEmpty ? nil : String(label)
    }

    /// The charset a `<meta>` tag declares in the first 4 KB, found by a byte scan (before parsing).
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let limit = min(bytes.count, 4096)
        var i = 0
        while i + 5 < limit {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "<"),
                  lower(bytes[i + 1]) == UInt8(ascii: "m"), lower(bytes[i + 2]) == UInt8(ascii: "e"),
                  lower(bytes[i + 3]) == UInt8(ascii: "t"), lower(bytes[i + 4]) == UInt8(ascii: "a") else { continue }
            var end = i + 5
            while end < limit && bytes[end] != UInt8(ascii: ">") { end += 1 }
            let tag = String(decoding: bytes[(i + 5)..<end], as: UTF8.self)
            if let label = labelFromContentType(tag) { return label }
            i = end
        }
        return nil
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
}

/// Decoders for the encodings most pages fall back to, done here rather than by iconv so that every
/// byte maps to something (iconv stops at bytes windows-1252 leaves undefined, losing the rest).
enum HTMLTranscoder {
    /// windows-1252 to UTF-8 per the WHATWG table (undefined bytes map to the C1 code point of the same value).
    static func windows1252ToUTF8(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? c1Table[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    /// UTF-16 to UTF-8; unpaired surrogates become U+FFFD.
    static func utf16ToUTF8(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    private static let c1Table: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
