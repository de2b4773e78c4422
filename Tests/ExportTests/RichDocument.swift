import Foundation
@testable import PipelineKit

/// Builds a Document with entities, an entity table and quotes from text written in the test, the way
/// extract-entities and extract-quotes will fill them: spans are found by searching the text.
///
/// ```swift
/// var b = RichDocument(id: "a", text: "“Hi,” Zoë said.")
/// b.entity("zoe", "Zoë", .person)
/// b.quote("Hi,", speaker: "Zoë", entity: "zoe", cue: "said")
/// let document = b.document
/// ```
struct RichDocument {
    var document: Document

    init(id: String, text: String, title: String? = nil, published: String? = nil) {
        document = Document(id: id, source: DocumentSource(path: "/tmp/\(id).txt", format: "news"), text: text,
                            metadata: Metadata(title: title, published: published, source: "Test Wire"))
        document.layerSteps = ["entities": "extract-entities", "quotes": "extract-quotes"]
    }

    /// The UTF-8 span of the `occurrence`-th (1-based) appearance of `needle` at or after byte `from`.
    func span(of needle: String, occurrence: Int = 1, from: Int = 0) -> Span {
        let hay = Array(document.text.utf8), n = Array(needle.utf8)
        var seen = 0
        var i = from
        while i + n.count <= hay.count {
            if Array(hay[i..<i + n.count]) == n {
                seen += 1
                if seen == occurrence { return Span(start: i, end: i + n.count) }
            }
            i += 1
        }
        fatalError("'\(needle)' (occurrence \(occurrence)) is not in the text of \(document.id)")
    }

    /// Adds an entity to the table and mentions of it for each form given (every occurrence of each).
    mutating func entity(_ id: String, _ name: String, _ label: EntityLabel, forms: [String]? = nil,
                         attributes: [String: String] = [:]) {
        var count = 0
        for form in forms ?? [name] {
            var from = 0
            while let s = try? findNext(form, from: from) {
                // Skip occurrences inside an existing mention ("Park" inside "Joon-ho Park").
                if !document.entities.contains(where: { $0.span.overlaps(s) }) {
                    document.entities.append(EntityMention(span: s, label: label, entityID: id, attributes: attributes,
                                                           step: "extract-entities"))
                    count += 1
                }
                from = s.end
            }
        }
        document.entities.sort { $0.span < $1.span }
        document.entityTable.append(Entity(id: id, name: name, label: label, aliases: (forms ?? []).filter { $0 != name },
                                           mentionCount: count, step: "extract-entities"))
    }

    private func findNext(_ needle: String, from: Int) throws -> Span {
        let hay = Array(document.text.utf8), n = Array(needle.utf8)
        var i = from
        while i + n.count <= hay.count {
            if Array(hay[i..<i + n.count]) == n { return Span(start: i, end: i + n.count) }
            i += 1
        }
        throw CancellationError()
    }

    /// Adds a quote whose fragments are the given strings, with its speaker span and cue found after the first fragment.
    mutating func quote(_ fragments: [String], kind: Quote.Kind = .direct, speaker: String?, entity: String? = nil,
                        name: String? = nil, cue: String? = "said", rule: String = "said-after-quote") {
        let spans = fragments.map { span(of: $0) }
        let after = spans[0].end
        // Speaker and cue: the first occurrence after the quote, else the first in the text.
        let speakerSpan = speaker.map { (try? findNext($0, from: after)) ?? span(of: $0) }
        let cueSpan = cue.map { (try? findNext($0, from: after)) ?? span(of: $0) }
        let resolvedName = name ?? entity.flatMap { id in document.entityTable.first { $0.id == id }?.name }
        document.quotes.append(Quote(span: Span(start: spans.first!.start, end: spans.last!.end), fragments: spans, kind: kind,
                                     cue: cueSpan, speaker: speakerSpan, speakerEntityID: entity, speakerName: resolvedName,
                                     rule: rule, step: "extract-quotes"))
    }

    mutating func quote(_ fragment: String, kind: Quote.Kind = .direct, speaker: String?, entity: String? = nil,
                        name: String? = nil, cue: String? = "said") {
        quote([fragment], kind: kind, speaker: speaker, entity: entity, name: name, cue: cue)
    }
}

/// Sample documents written for these tests (not from ../shared), with non-ASCII text so code point
/// offsets differ from UTF-8 ones, and characters that need escaping in JSON, CSV and HTML.
enum Samples {
    static var library: Document {
        var b = RichDocument(id: "library-reopens", text: """
            ASHFORD — The Ashford Central Library reopened on Saturday after a renovation that cost 6.3 million euros.

            Mayor Lucía Benedetti cut the ribbon. “A library is the one place where everyone is welcome,” Benedetti said.

            Head librarian Joon-ho Park said visitors would find 40,000 new books. “We kept the old oak tables of Ashford,” Park said. “People told us they would riot if we didn't.”
            """, title: "Restored city library reopens", published: "2026-09-21T07:45:00")
        b.entity("library", "Ashford Central Library", .org)
        b.entity("ashford", "Ashford", .gpe, forms: ["ASHFORD", "Ashford"])
        b.entity("benedetti", "Lucía Benedetti", .person, forms: ["Lucía Benedetti", "Benedetti"], attributes: ["title": "Mayor"])
        b.entity("park", "Joon-ho Park", .person, forms: ["Joon-ho Park", "Park"], attributes: ["title": "Head librarian"])
        b.entity("saturday", "Saturday", .date)
        b.quote("A library is the one place where everyone is welcome,", speaker: "Benedetti", entity: "benedetti")
        b.quote(["We kept the old oak tables of Ashford,", "People told us they would riot if we didn't."], speaker: "Park", entity: "park")
        b.quote("visitors would find 40,000 new books", kind: .indirect, speaker: "Joon-ho Park", entity: "park", cue: nil)
        b.document.quotes[2].cue = b.span(of: "said", from: b.span(of: "Joon-ho Park").end)
        var d = b.document
        d.paragraphs = [b.span(of: "ASHFORD — The Ashford Central Library reopened on Saturday after a renovation that cost 6.3 million euros.")]
        d.sentences = d.paragraphs
        d.tokens = [Token(span: b.span(of: "ASHFORD"), kind: .word), Token(span: b.span(of: "—"), kind: .punctuation)]
        d.metadata.extra["word_count"] = .int(63)
        d.metadata.spans["body"] = Span(start: 0, end: d.text.utf8.count)
        d.setLayer(["library", "books"], for: LayerKey<[String]>("keyphrases"))
        d.recordProvenance(step: "keyphrases", provides: [])
        return d
    }

    /// Markup, quotes, commas and newlines in places where a careless writer would break its output.
    static var hostile: Document {
        var b = RichDocument(id: "hostile/../<b>x</b>", text: """
            <script>alert("x")</script> Dr. Zoë "Z" O'Neill, of A&B Corp, said: "Commas, \"quotes\" and
            new lines" — 🎉 emoji\tand a tab.
            """, title: "Title with <tags> & \"quotes\"")
        b.entity("zoe", "Zoë \"Z\" O'Neill", .person, forms: ["Zoë \"Z\" O'Neill"])
        b.entity("ab", "A&B Corp", .org)
        b.entity("emoji", "🎉", .init("CUSTOM LABEL"))
        b.quote("Commas, \"quotes\" and\nnew lines", speaker: "Zoë \"Z\" O'Neill", entity: "zoe", cue: "said")
        var d = b.document
        d.metadata.url = "https://example.org/a?b=1&c=2"
        return d
    }

    /// Nothing but text: no layers, no metadata.
    static var bare: Document { Document(id: "bare", text: "Nothing happened.") }
}
