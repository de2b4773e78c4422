/// The top-level `"id"` of one JSON Lines document, read without decoding the rest: `--resume` reads
/// every line of an existing output, which may be gigabytes, and needs only the ids.
///
/// Keys are matched at the top level only (an `"id"` inside `entity_table` is not the document's), in any
/// key order, so files from export's first, key-sorted version are read too. Returns nil for a line that
/// is not a JSON object with a string `"id"`.
///
/// ```swift
/// JSONLineID.read(Array(#"{"schema_version":"1.0","id":"world/a","text":"…"}"#.utf8)[...])   // "world/a"
/// ```
enum JSONLineID {
    static func read(_ line: ArraySlice<UInt8>) -> String? {
        var i = line.startIndex
        let end = line.endIndex
        func skipSpace() { while i < end, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D { i += 1 } }
        skipSpace()
        guard i < end, line[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var depth = 1
        var expectKey = true
        while i < end {
            let b = line[i]
            switch b {
            case UInt8(ascii: "\""):
                guard let (text, next) = string(line, from: i) else { return nil }
                i = next
                if depth == 1 && expectKey {
                    skipSpace()
                    guard i < end, line[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace()
                    if text == "id" {
                        guard i < end, line[i] == UInt8(ascii: "\"") else { return nil }
                        return string(line, from: i)?.0
                    }
                    expectKey = false
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return nil }
                i += 1
            case UInt8(ascii: ","):
                if depth == 1 { expectKey = true }
                i += 1
            default:
                i += 1
            }
        }
        return nil
    }

    /// A JSON string starting at the quote at `start`: its decoded text and the index after its closing quote.
    static func string(_ bytes: ArraySlice<UInt8>, from start: Int) -> (String, Int)? {
        var i = start + 1
        var out: [UInt8] = []
        var pendingHigh: UInt32?
        func append(scalar: UInt32) {
            if let s = Unicode.Scalar(scalar) { out.append(contentsOf: Array(String(Character(s)).utf8)) }
            else { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), i + 1) }
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < bytes.endIndex else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.endIndex,
                      let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(code) {
                    pendingHigh = code
                    continue
                }
                if (0xDC00..<0xE000).contains(code), let high = pendingHigh {
                    append(scalar: 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                } else {
                    append(scalar: code)
                }
            default: out.append(e)   // \" \\ \/
            }
            pendingHigh = nil
        }
        return nil
    }
}
