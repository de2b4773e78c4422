/// The classes of Unicode scalars the segmenters care about, looked up straight from UTF-8 bytes.
///
/// Scanning bytes with a 128-entry table for ASCII and a short switch for other scalars keeps
/// tokenizing near memory speed; `Character` iteration and Swift `Regex` are 10–100 times slower
/// (see the project's swift-notes).
///
/// ```swift
/// let (cls, width) = CharacterClass.at(i, in: bytes)
/// if cls == .letter { … }
/// ```
enum CharacterClass: UInt8, Sendable {
    case space
    case newline
    case letter
    case digit
    /// `'` and `’`: a quote mark, or an apostrophe inside a word ("O’Malley", "don't").
    case apostrophe
    /// Any other quotation mark: `"`, `“`, `”`, `‘`, `„`, `«`, `»`, backtick.
    case quote
    /// `-` and the Unicode hyphens that join words (not dashes).
    case hyphen
    case period
    /// `?` and `!`.
    case terminal
    /// `…`
    case ellipsis
    case symbol
    case punctuation

    /// The class and UTF-8 width of the scalar starting at `i` (which must be a scalar boundary).
    @inline(__always)
    static func at(_ i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (CharacterClass, Int) {
        let b = bytes[i]
        if b < 0x80 { return (ascii[Int(b)], 1) }
        let (value, width) = decodeScalar(at: i, in: bytes)
        return (of(nonASCII: value), width)
    }

    /// Decodes the scalar at `i`; a malformed sequence (not possible in a Swift String) reads as U+FFFD.
    @inline(__always)
    static func decodeScalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int) {
        let b = UInt32(bytes[i])
        let n = bytes.count
        if b < 0x80 { return (b, 1) }
        if b >= 0xF0, i + 3 < n {
            return (((b & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12) | ((UInt32(bytes[i + 2]) & 0x3F) << 6)
                | (UInt32(bytes[i + 3]) & 0x3F), 4)
        }
        if b >= 0xE0, i + 2 < n {
            return (((b & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F), 3)
        }
        if b >= 0xC0, i + 1 < n {
            return (((b & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F), 2)
        }
        return (0xFFFD, 1)
    }

    static func of(nonASCII value: UInt32) -> CharacterClass {
        switch value {
        case 0x2019, 0x2018, 0x02BC: return value == 0x2018 ? .quote : .apostrophe
        case 0x201C, 0x201D, 0x201E, 0x201A, 0x201F, 0x00AB, 0x00BB, 0x2039, 0x203A, 0x300C, 0x300D: return .quote
        case 0x2010, 0x2011: return .hyphen
        case 0x2026: return .ellipsis
        case 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        case 0x2028, 0x2029, 0x0085: return .newline
        case 0x00AD, 0x200C, 0x200D: return .letter
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .symbol }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .digit
        case .currencySymbol, .mathSymbol, .modifierSymbol, .otherSymbol: return .symbol
        case .initialPunctuation, .finalPunctuation: return .quote
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .unassigned, .surrogate, .privateUse:
            return .space
        default: return .punctuation
        }
    }

    static let ascii: [CharacterClass] = {
        var table = [CharacterClass](repeating: .punctuation, count: 128)
        for b in 0..<32 { table[b] = .space }
        table[0x0A] = .newline
        table[0x0D] = .newline
        table[0x20] = .space
        table[0x7F] = .space
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = .letter }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = .letter }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = .digit }
        table[Int(UInt8(ascii: "'"))] = .apostrophe
        table[Int(UInt8(ascii: "\""))] = .quote
        table[Int(UInt8(ascii: "`"))] = .quote
        table[Int(UInt8(ascii: "-"))] = .hyphen
        table[Int(UInt8(ascii: "."))] = .period
        table[Int(UInt8(ascii: "?"))] = .terminal
        table[Int(UInt8(ascii: "!"))] = .terminal
        for s in "$%&@#+=<>^|~*/\\" { table[Int(s.asciiValue!)] = .symbol }
        return table
    }()

    /// Whether the scalar at `i` is an uppercase letter (ASCII fast path; Unicode properties otherwise).
    static func isUppercase(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b >= 0x41 && b <= 0x5A }
        let (value, _) = decodeScalar(at: i, in: bytes)
        return Unicode.Scalar(value)?.properties.isUppercase ?? false
    }

    /// Whether the scalar at `i` is a lowercase letter.
    static func isLowercase(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b >= 0x61 && b <= 0x7A }
        let (value, _) = decodeScalar(at: i, in: bytes)
        return Unicode.Scalar(value)?.properties.isLowercase ?? false
    }
}
