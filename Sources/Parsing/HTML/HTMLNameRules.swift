import Foundation

/// General rules on class and id names (no per-site rules): which elements are boilerplate, which look
/// like the article container, and readability's class weight.
///
/// Names are matched as lower-cased substrings, as readability does (short ones as whole tokens). The tree
/// builder caches the result per distinct class and id value: pages repeat a few hundred names thousands
/// of times.
///
/// ```swift
/// HTMLNameRules.classify(className: "article-share", id: "").contains(.boilerplate)   // true
/// HTMLNameRules.classify(className: "sidebar content", id: "").contains(.boilerplate) // false: "content" vetoes "sidebar"
/// ```
enum HTMLNameRules {
    /// Boilerplate whatever else the name says: share bars, comments, related links, newsletters, cookie banners, ads.
    static let strongBoilerplate = [
        "share", "sharing", "social", "newsletter", "cookie", "consent", "gdpr", "related", "outbrain", "taboola",
        "disqus", "breadcrumb", "byline", "promo", "advert", "subscri", "signup", "sign-up", "recommend",
        "most-popular", "mostpopular", "most-read", "mostread", "trending", "read-more", "readmore", "also-read",
        "more-stories", "paywall", "skip-link", "skiplink", "print-only", "sr-only", "visually-hidden",
        "screen-reader", "author-bio", "tag-list", "taglist",
    ]
    /// readability's "unlikely candidates": boilerplate unless the name also looks like content.
    static let weakBoilerplate = [
        "-ad-", "ai2html", "banner", "combx", "community", "cover-wrap", "extra", "footer", "header", "legends",
        "menu", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "sponsor", "supplemental",
        "ad-break", "agegate", "pagination", "pager", "popup", "modal", "yom-remote", "navbar", "masthead",
    ]
    /// Whole class/id tokens that mark boilerplate (too short to match as substrings).
    static let boilerplateTokens: Set<String> = [
        "ad", "ads", "adv", "dfp", "nav", "navigation", "tools", "toolbar", "widget", "tags", "meta", "comments",
        "comment", "hidden", "hide", "print", "caption", "credit", "credits", "overlay",
    ]
    /// readability's "maybe candidate" names, which veto the weak boilerplate list.
    static let contentGuard = ["and", "article", "body", "column", "content", "main", "shadow"]
    /// Names that say "this is the story".
    static let contentNames = ["article", "content", "story", "entry", "post-body", "postbody", "post-text", "text", "body"]
    static let positiveWeight = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
        "blog", "story",
    ]
    static let negativeWeight = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr",
        "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
        "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    ]

    /// What one class or id value says; an element combines its class's and its id's.
    struct NameInfo {
        var strong = false, weak = false, guarded = false, content = false, positive = false, negative = false
        var comment = false
    }

    /// For callers holding a String (tests, tools); the tree builder uses the pointer form.
    static func analyze(_ name: String) -> NameInfo {
        analyze(bytes: Array(asciiLowercased(name).utf8))
    }

    /// A C string attribute value, ASCII-lower-cased on the way in.
    static func analyze(_ name: UnsafePointer<UInt8>) -> NameInfo {
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            for i in 0..<length {
                let b = name[i]
                buffer[i] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
            }
            count = length
        }
        return analyze(bytes: bytes)
    }

    /// `bytes` must already be lower-cased.
    static func analyze(bytes: [UInt8]) -> NameInfo {
        var info = NameInfo()
        guard !bytes.isEmpty else { return info }
        let hits = matcher.match(bytes)
        info.comment = containsComment(bytes)
        info.strong = hits & Category.strong != 0 || info.comment || hasBoilerplateToken(bytes)
        info.weak = hits & Category.weak != 0
        info.guarded = hits & Category.guarded != 0
        info.content = hits & Category.content != 0
        info.positive = hits & Category.positive != 0
        info.negative = hits & Category.negative != 0 || hasHidToken(bytes)
        return info
    }

    private enum Category {
        static let strong: UInt8 = 1, weak: UInt8 = 2, guarded: UInt8 = 4, content: UInt8 = 8, positive: UInt8 = 16, negative: UInt8 = 32
    }

    private static let matcher = MultiMatcher([
        (strongBoilerplate, Category.strong), (weakBoilerplate, Category.weak), (contentGuard, Category.guarded),
        (contentNames, Category.content), (positiveWeight, Category.positive), (negativeWeight, Category.negative),
    ])

    static func classify(className: NameInfo, id: NameInfo) -> ClassInfo {
        var info: ClassInfo = []
        if className.strong || id.strong || ((className.weak || id.weak) && !(className.guarded || id.guarded)) {
            info.insert(.boilerplate)
        }
        if className.content || id.content { info.insert(.contentName) }
        if className.comment || id.comment { info.insert(.commentName) }
        if className.positive { info.insert(.positiveClass) }
        if className.negative { info.insert(.negativeClass) }
        if id.positive { info.insert(.positiveID) }
        if id.negative { info.insert(.negativeID) }
        return info
    }

    static func classify(className: String, id: String) -> ClassInfo {
        classify(className: analyze(className), id: analyze(id))
    }

    private static func hasBoilerplateToken(_ names: [UInt8]) -> Bool {
        let byLength = boilerplateTokensByLength
        return names.withUnsafeBufferPointer { n in
            var start = 0
            for i in 0...n.count {
                let isWordByte = i < n.count && ((n[i] >= 0x61 && n[i] <= 0x7A) || (n[i] >= 0x30 && n[i] <= 0x39) || n[i] >= 0x80)
                if isWordByte { continue }
                let length = i - start
                if length > 0 && length < byLength.count {
                    for token in byLength[length] where memcmp(n.baseAddress! + start, token, length) == 0 { return true }
                }
                start = i + 1
            }
            return false
        }
    }

    /// `boilerplateTokens` as byte arrays, indexed by length, so a token is compared only with same-length ones.
    private static let boilerplateTokensByLength: [[[UInt8]]] = {
        let tokens = boilerplateTokens.map { Array($0.utf8) }
        var byLength = Array(repeating: [[UInt8]](), count: (tokens.map(\.count).max() ?? 0) + 1)
        for token in tokens { byLength[token.count].append(token) }
        return byLength
    }()

    /// ASCII lower-casing on bytes (class names are ASCII in practice; other bytes pass through).
    static func asciiLowercased(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// "comment" somewhere that is not the start of "commentary".
    private static func containsComment(_ names: [UInt8]) -> Bool {
        var from = 0
        while let at = firstIndex(of: commentBytes, in: names, from: from) {
            if !names[at...].starts(with: commentaryBytes) { return true }
            from = at + 1
        }
        return false
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)
    private static let commentBytes = Array("comment".utf8)
    private static let commentaryBytes = Array("commentary".utf8)

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: haystack, from: 0) != nil
    }

    /// Naive byte search: names are short, so this beats anything clever.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - from >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// readability's `^hid$| hid$| hid |^hid `: "hid" as a whole space-separated token.
    private static func hasHidToken(_ name: [UInt8]) -> Bool {
        var start = 0
        for i in 0...name.count where i == name.count || name[i] == 0x20 {
            if i - start == 3 && name[start] == UInt8(ascii: "h") && name[start + 1] == UInt8(ascii: "i") && name[start + 2] == UInt8(ascii: "d") {
                return true
            }
            start = i + 1
        }
        return false
    }

    /// A schema.org itemtype naming one story ("https://schema.org/NewsArticle", "http://schema.org/BlogPosting").
    static func isArticleType(_ itemtype: String) -> Bool {
        itemtype.hasSuffix("Article") || itemtype.hasSuffix("BlogPosting") || itemtype.hasSuffix("Report")
            || itemtype.contains("Article ") || itemtype.contains("BlogPosting ")
    }

    /// ARIA roles that mark navigation, complementary content or dialogs.
    static let boilerplateRoles: Set<String> = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner", "contentinfo",
        "search",
    ]

    /// `style` says the element is not rendered.
    static func styleHides(_ style: UnsafePointer<UInt8>) -> Bool {
        var compact: [UInt8] = []
        var i = 0
        while style[i] != 0 {
            let b = style[i]
            if b != 0x20 { compact.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
            i += 1
        }
        return contains(compact, displayNone) || contains(compact, visibilityHidden)
    }
}

/// Finds which of many short needles occur in a short name, in one pass: at each byte only the
/// needles starting with that byte are compared. Each needle carries a category bit mask.
///
/// The needles sit in one flat byte pool, grouped by first byte, so the inner loop touches no array
/// of arrays (long utility-class strings make this loop hot on some pages).
struct MultiMatcher: Sendable {
    private struct Entry {
        var start: Int32, length: Int32, mask: UInt8
    }
    private var pool: [UInt8] = []
    private var entries: [Entry] = []
    /// Entries whose needle starts with byte b are entries[bucket[b] ..< bucket[b + 1]].
    private var bucket: [Int32] = []
    /// Bit (b0 << 8 | b1) is set when some needle starts with bytes b0 b1: most positions fail this
    /// test, so their bucket is never walked.
    private var pairs = [UInt64](repeating: 0, count: 65536 / 64)

    init(_ lists: [([String], UInt8)]) {
        var byFirstByte: [[(needle: [UInt8], mask: UInt8)]] = Array(repeating: [], count: 256)
        for (words, mask) in lists {
            for word in words {
                let bytes = Array(word.utf8)
                guard let first = bytes.first else { continue }
                if let k = byFirstByte[Int(first)].firstIndex(where: { $0.needle == bytes }) {
                    byFirstByte[Int(first)][k].mask |= mask
                } else {
                    byFirstByte[Int(first)].append((bytes, mask))
                }
            }
        }
        for needles in byFirstByte {
            bucket.append(Int32(entries.count))
            for (needle, mask) in needles {
                entries.append(Entry(start: Int32(pool.count), length: Int32(needle.count), mask: mask))
                // One-byte needles would need every position; the lists have none, but stay correct if they do.
                let pair = needle.count > 1 ? Int(needle[0]) << 8 | Int(needle[1]) : -1
                if pair >= 0 {
                    pairs[pair >> 6] |= 1 << UInt64(pair & 63)
                } else {
                    for b1 in 0..<256 { pairs[(Int(needle[0]) << 8 | b1) >> 6] |= 1 << UInt64(b1 & 63) }
                }
                pool.append(contentsOf: needle)
            }
        }
        bucket.append(Int32(entries.count))
    }

    /// The union of the masks of every needle found in `haystack`.
    func match(_ haystack: [UInt8]) -> UInt8 {
        var hits: UInt8 = 0
        haystack.withUnsafeBufferPointer { h in
            pool.withUnsafeBufferPointer { pool in
                entries.withUnsafeBufferPointer { entries in
                    bucket.withUnsafeBufferPointer { bucket in pairs.withUnsafeBufferPointer { pairs in
                        let n = h.count
                        for i in 0..<n {
                            let b = Int(h[i])
                            let pair = b << 8 | (i + 1 < n ? Int(h[i + 1]) : 0)
                            guard pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                            var e = Int(bucket[b])
                            let end = Int(bucket[b + 1])
                            while e < end {
                                let entry = entries[e]
                                e += 1
                                let length = Int(entry.length)
                                guard hits & entry.mask != entry.mask, n - i >= length else { continue }
                                let start = Int(entry.start)
                                var k = 1
                                while k < length && h[i + k] == pool[start + k] { k += 1 }
                                if k == length { hits |= entry.mask }
                            }
                        }
                    } }
                }
            }
        }
        return hits
    }
}
