import Foundation

/// Chooses each metadata field from the sources a page offers, most reliable first:
///
/// | field       | sources, in order |
/// |-------------|-------------------|
/// | title       | JSON-LD headline, og:title, twitter:title, dc.title, `<title>` (minus a " | Site" suffix) |
/// | published   | JSON-LD datePublished, article:published_time, itemprop datePublished, date meta tags, first `<time datetime>` |
/// | byline      | JSON-LD author (any shape), meta author / dc.creator / byl / parsely-author, article:author |
/// | publisher   | JSON-LD publisher.name, og:site_name, application-name |
/// | url         | `<link rel=canonical>`, og:url, JSON-LD url, the URL given to the extractor |
/// | language    | `<html lang>`, JSON-LD inLanguage, og:locale, content-language |
/// | description | meta description, og:description, twitter:description, JSON-LD description |
struct HTMLMetadataReader {
    let sources: HTMLPageSources
    let url: String?
    private let metas: [String: String]
    private let ld: HTMLJSONLD

    init(sources: HTMLPageSources, url: String?) {
        self.sources = sources
        self.url = url
        var metas: [String: String] = [:]
        for (key, value) in sources.metas where metas[key] == nil {
            let trimmed = Self.clean(value)
            if !trimmed.isEmpty { metas[key] = trimmed }
        }
        self.metas = metas
        self.ld = HTMLJSONLD(blocks: sources.jsonLD)
    }

    private func meta(_ keys: String...) -> String? {
        for key in keys { if let value = metas[key] { return value } }
        return nil
    }

    func fill(_ article: inout HTMLArticle) {
        let siteName = ld.publisher ?? meta("og:site_name", "application-name")
        article.publisher = siteName.map(Self.clean)
        article.title = (ld.headline ?? meta("og:title", "twitter:title", "dc.title", "headline")).map(Self.clean)
            ?? sources.title.map { Self.stripSiteSuffix(Self.clean($0), siteName: siteName) }.flatMap { $0.isEmpty ? nil : $0 }

        let dateCandidates = [ld.datePublished]
            + [meta("article:published_time", "datepublished", "og:published_time", "published_time", "pubdate",
                    "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
                    "sailthru.date", "parsely-pub-date", "article.published", "original-publish-date", "dc.date.created")]
            + sources.publishedTimes.map(Optional.some) + sources.times.map(Optional.some)
        article.published = dateCandidates.lazy.compactMap { $0.flatMap(Self.isoDate) }.first

        var authors = ld.authors.filter { !Self.looksLikeURL($0) }
        if authors.isEmpty, let named = meta("author", "dc.creator", "byl", "sailthru.author", "parsely-author", "article:author"),
           !Self.looksLikeURL(named) {
            authors = [named]
        }
        let byline = authors.map(Self.clean).map(Self.stripBy).filter { !$0.isEmpty }.joined(separator: ", ")
        article.byline = byline.isEmpty ? nil : byline

        let pageURL = sources.canonical ?? meta("og:url") ?? ld.url ?? url
        article.url = pageURL.map { Self.resolve($0, against: url ?? meta("og:url")) }

        let language = sources.htmlLang ?? ld.language ?? meta("og:locale", "content-language", "language", "dc.language")
        article.language = language.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-") }
            .flatMap { $0.isEmpty ? nil : $0 }
        article.description = (meta("description", "og:description", "twitter:description") ?? ld.description).map(Self.clean)
    }

    /// Collapses runs of ASCII whitespace and no-break spaces to one space, and trims (a byte scan).
    static func clean(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var previous: UInt8 = 0
        for byte in s.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
            } else if previous == 0xC2 && byte == 0xA0 {
                out.removeLast()
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
            previous = byte
        }
        return HTMLInvisibles.removed(from: String(decoding: out, as: UTF8.self))
    }

    static func stripBy(_ s: String) -> String {
        for prefix in ["By ", "by ", "BY "] where s.hasPrefix(prefix) { return String(s.dropFirst(prefix.count)) }
        return s
    }

    static func looksLikeURL(_ s: String) -> Bool { s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("/") }

    /// "Story headline | The Daily Planet" → "Story headline" when the last part is the site name
    /// (or the page gives none and the part after a separator is short).
    static func stripSiteSuffix(_ title: String, siteName: String?) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let head = String(title[..<range.lowerBound])
            let tail = title[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if let siteName, tail.lowercased() == siteName.lowercased() || siteName.lowercased().contains(tail.lowercased()) {
                return head
            }
            if siteName == nil && tail.split(separator: " ").count <= 3 && head.split(separator: " ").count >= 3 { return head }
        }
        return title
    }

    static func resolve(_ link: String, against base: String?) -> String {
        guard !link.hasPrefix("http"), let base, let baseURL = URL(string: base),
              let resolved = URL(string: link, relativeTo: baseURL) else { return link }
        return resolved.absoluteString
    }

    /// ISO 8601 from the date forms pages use: "2019-04-29", "2019-04-29 10:00:00", "2019/04/29",
    /// "20190429", RFC 822 ("Mon, 29 Apr 2019 10:00:00 GMT") and "April 29, 2019". Nil for anything else.
    static func isoDate(_ raw: String) -> String? {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let b = Array(s.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= b.count && range.allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 } }
        if digits(0..<4), b.count >= 10, b[4] == b[7], b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/"), digits(5..<7), digits(8..<10) {
            var date = String(decoding: b[0..<10], as: UTF8.self).replacingOccurrences(of: "/", with: "-")
            if b.count > 11, b[10] == UInt8(ascii: "T") || b[10] == 0x20, digits(11..<13) {
                let time = String(decoding: b[11...], as: UTF8.self).split(separator: " ").joined()
                date += "T" + time
            }
            return date
        }
        if b.count == 8, digits(0..<8) {
            return "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))"
        }
        // Only English month names are understood; anything without letters cannot match.
        guard s.utf8.count <= 40, s.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return nil }
        return DateForms.shared.iso(s)
    }
}

/// The few non-ISO date forms pages use, with formatters built once (creating them is costly) and used
/// under a lock (DateFormatter is not documented as thread-safe on Linux).
final class DateForms: @unchecked Sendable {
    static let shared = DateForms()
    private let lock = NSLock()
    private let formatters: [(DateFormatter, hasTime: Bool)]
    private let dateTime = ISO8601DateFormatter()
    private let dateOnly = ISO8601DateFormatter()

    private init() {
        formatters = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm:ss Z", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy"].map { format in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            return (formatter, format.contains("HH"))
        }
        dateTime.formatOptions = [.withInternetDateTime]
        dateOnly.formatOptions = [.withFullDate]
    }

    func iso(_ s: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        for (formatter, hasTime) in formatters {
            if let date = formatter.date(from: s) { return (hasTime ? dateTime : dateOnly).string(from: date) }
        }
        return nil
    }
}
