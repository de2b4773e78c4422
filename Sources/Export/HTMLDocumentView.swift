import PipelineKit

/// One document as an HTML `<article>`: its text with entities highlighted by type, quotes marked
/// with their speakers, and a list of the quotes. Every piece of text is HTML-escaped.
///
/// Entities and quote fragments are laid out from the document's UTF-8 spans: quote fragments form the
/// outer level, entity marks the inner one (an entity crossing a quote edge is split in two pieces).
/// Overlapping marks of the same level are dropped after the first, so the markup is always well nested.
///
/// ```swift
/// let html = HTMLDocumentView.render(document, rows: try DocumentRows(document), number: 1)
/// ```
enum HTMLDocumentView {
    static func render(_ d: Document, rows: DocumentRows, number: Int) -> String {
        let bytes = Array(d.text.utf8)
        var out = ""
        out.reserveCapacity(bytes.count * 2)

        // Marks: entity mentions, plus speaker spans that are not themselves a mention ("he").
        struct Mark { var span: Span; var label: String?; var title: String; var speaker: Bool }
        let speakerSpans = Set(d.quotes.compactMap(\.speaker))
        let names = Dictionary(d.entityTable.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var marks: [Mark] = d.entities.map { m in
            var title = m.label.rawValue
            if let name = m.entityID.flatMap({ names[$0] }) { title += ": " + name }
            for (k, v) in m.attributes.sorted(by: { $0.key < $1.key }) { title += "\n\(k): \(v)" }
            return Mark(span: m.span, label: m.label.rawValue, title: title, speaker: speakerSpans.contains(m.span))
        }
        let mentionSpans = Set(d.entities.map(\.span))
        for s in speakerSpans where !mentionSpans.contains(s) {
            marks.append(Mark(span: s, label: nil, title: "speaker", speaker: true))
        }
        marks = nonOverlapping(marks.sorted { ($0.span.start, -$0.span.end) < ($1.span.start, -$1.span.end) }, \.span)

        struct Fragment { var span: Span; var quote: Int }
        let allFragments = d.quotes.enumerated().flatMap { i, q in q.fragments.map { Fragment(span: $0, quote: i) } }
        let fragments = nonOverlapping(allFragments.sorted { $0.span < $1.span }, \.span)
        var lastFragment: [Int: Int] = [:]
        for (k, f) in fragments.enumerated() { lastFragment[f.quote] = k }

        func text(_ a: Int, _ b: Int) {
            if a < b { out += escape(String(decoding: bytes[a..<b], as: UTF8.self)) }
        }
        var mi = 0
        /// Writes bytes a..<b with the entity marks inside it.
        func emit(_ a: Int, _ b: Int) {
            var pos = a
            while mi < marks.count, marks[mi].span.start < b {
                let m = marks[mi]
                if m.span.end <= pos { mi += 1; continue }
                let s = max(m.span.start, pos), e = min(m.span.end, b)
                text(pos, s)
                var classes = m.label.map { "e " + cssClass($0) } ?? "e"
                if m.speaker { classes += " spk" }
                out += "<mark class=\"\(classes)\" title=\"\(escape(m.title))\">"
                text(s, e)
                out += "</mark>"
                pos = e
                if m.span.end <= b { mi += 1 } else { break }
            }
            text(pos, b)
        }

        var pos = 0
        for (k, f) in fragments.enumerated() {
            let q = d.quotes[f.quote]
            let who = speakerLabel(q, rows.quotes[f.quote])
            emit(pos, f.span.start)
            out += "<span class=\"q q-\(q.kind.rawValue)\" title=\"quote \(f.quote + 1) (\(q.kind.rawValue)): \(escape(who))\">"
            emit(f.span.start, f.span.end)
            out += "</span>"
            if lastFragment[f.quote] == k {
                out += "<sup class=\"who\">\(f.quote + 1) · \(escape(who))</sup>"
            }
            pos = f.span.end
        }
        emit(pos, bytes.count)

        var html = "<article id=\"doc-\(number)\">\n<h2>\(escape(d.metadata.title ?? d.id))</h2>\n"
        var facts = ["<code>\(escape(d.id))</code>"]
        for value in [d.metadata.published, d.metadata.source, d.metadata.byline, d.metadata.dateline, d.metadata.url] {
            if let value, !value.isEmpty { facts.append(escape(value)) }
        }
        facts.append("\(rows.mentions.count) entity mentions, \(rows.quotes.count) quotes")
        html += "<p class=\"meta\">\(facts.joined(separator: " · "))</p>\n"
        html += "<div class=\"text\">\(out)</div>\n"
        if !rows.quotes.isEmpty {
            html += "<table class=\"quotes\"><thead><tr><th>#</th><th>Speaker</th><th>Kind</th><th>Cue</th><th>Quote</th></tr></thead><tbody>\n"
            for (i, q) in rows.quotes.enumerated() {
                html += "<tr><td>\(i + 1)</td><td>\(escape(speakerLabel(d.quotes[i], q)))</td><td>\(escape(q.kind))</td>"
                // Only the quoted words: fragments joined with an ellipsis, not the "Park said" between them.
                let words = q.fragments.count > 1 ? q.fragments.map(\.text).joined(separator: " … ") : q.text
                html += "<td>\(escape(q.cue?.text ?? ""))</td><td>\(escape(words))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if !rows.entities.isEmpty {
            html += "<details><summary>\(rows.entities.count) entities</summary><ul class=\"entities\">"
            for e in rows.entities {
                html += "<li><mark class=\"e \(cssClass(e.label))\">\(escape(e.name))</mark> \(escape(e.label)) × \(e.mentionCount)</li>"
            }
            html += "</ul></details>\n"
        }
        return html + "</article>\n"
    }

    /// The speaker as the report shows it: the resolved name, else the words at the quote.
    static func speakerLabel(_ q: Quote, _ row: DocumentRows.QuoteRow) -> String {
        q.speakerName ?? row.speaker?.text ?? "unattributed"
    }

    /// Keeps items in order, dropping any that overlap an earlier kept one.
    static func nonOverlapping<T>(_ items: [T], _ span: (T) -> Span) -> [T] {
        var kept: [T] = []
        var end = 0
        for item in items where span(item).start >= end && !span(item).isEmpty {
            kept.append(item)
            end = span(item).end
        }
        return kept
    }

    /// "PERSON" → "l-PERSON"; anything outside [A-Za-z0-9_-] becomes "_".
    static func cssClass(_ label: String) -> String {
        "l-" + String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }

    /// Escapes the five characters with a meaning in HTML text and attribute values.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
