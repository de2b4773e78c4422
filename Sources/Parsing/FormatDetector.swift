import Foundation

/// Decides a document's format from its file extension, then its first bytes.
///
/// `.html`/`.htm`/`.xhtml` or content starting with `<!doctype` or `<html` → "html"; `.md`/`.markdown` →
/// "markdown"; `.jsonl`/`.ndjson` (or a JSON object on stdin) → "jsonl"; anything else is plain text,
/// which `parse` reads as "news" when it finds a headline or news header lines, else "text".
/// A `format:` on the input skips detection.
///
/// ```swift
/// FormatDetector.detect(path: "a/story.md", bytes: bytes)   // "markdown"
/// ```
enum FormatDetector {
    /// What an input's `format:` may name besides "auto" (`Parse.inputFormats`).
    static let formats = ["text", "news", "html", "markdown", "jsonl"]

    static func detect(path: String?, bytes: [UInt8]) -> String {
        let ext = path.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        switch ext {
        case "jsonl", "ndjson": return "jsonl"
        case "html", "htm", "xhtml": return "html"
        case "md", "markdown", "mdown", "mkd": return "markdown"
        default: break
        }
        let head = leadingText(bytes)
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || (head.hasPrefix("<?xml") && head.contains("<html")) {
            return "html"
        }
        if path == nil || path == "-", head.hasPrefix("{") { return "jsonl" }
        return "text"
    }

    /// The first 256 bytes after a BOM and whitespace, lowercased ASCII (enough for signatures).
    static func leadingText(_ bytes: [UInt8]) -> String {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        let slice = bytes[i..<min(bytes.count, i + 256)]
        return String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
