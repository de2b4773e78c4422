/// UTF-8 validation without building a String (decides whether a page needs the windows-1252 fallback).
///
/// ```swift
/// let ok = bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
/// ```
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII runs eight bytes at a time.
            if i + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let width: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: width = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: width = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: width = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return false
            }
            guard i + width <= count else { return false }
            for k in 1..<width {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return false }
            i += width
        }
        return true
    }
}
