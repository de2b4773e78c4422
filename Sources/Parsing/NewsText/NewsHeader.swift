import PipelineKit

/// What `NewsHeaderReader` found at the top of a plain-text news article.
///
/// Each field keeps its value and its span in the text (the value as written; `published` is also
/// normalized to ISO 8601). `bodyStart` is where the story begins: after the header lines and after the
/// dateline ("ERBIL, Kurdistan Region —").
///
/// ```swift
/// let header = NewsHeaderReader.read(text)
/// header.apply(to: &document)
/// ```
struct NewsHeader {
    struct Field {
        var value: String
        var span: Span
    }

    /// "title", "published", "source", "dateline", "byline", and "updated" when both dates are given.
    var fields: [String: Field] = [:]
    /// Raw date text that could not be normalized, kept for the user.
    var unparsedDates: [String: String] = [:]
    var bodyStart: Int?
    /// Starts of header lines, so each becomes its own paragraph.
    var lineStarts: [Int] = []

    var isEmpty: Bool { fields.isEmpty && unparsedDates.isEmpty }

    mutating func set(_ key: String, _ value: String, _ span: Span) {
        if fields[key] == nil { fields[key] = Field(value: value, span: span) }
    }

    /// Writes the fields into the document's metadata; values already set (by the input) are kept.
    func apply(to document: inout Document) {
        for (key, field) in fields {
            if Metadata.standardKeys.contains(key) {
                if document.metadata[standard: key] == nil { document.metadata[standard: key] = field.value }
            } else if document.metadata.extra[key] == nil {
                document.metadata.extra[key] = .string(field.value)
            }
            document.metadata.spans[key] = field.span
        }
        for (key, raw) in unparsedDates where document.metadata.extra[key + "_text"] == nil {
            document.metadata.extra[key + "_text"] = .string(raw)
        }
        if let bodyStart {
            var end = document.text.utf8.count
            let utf8 = Array(document.text.utf8.suffix(64))
            var k = utf8.count
            while k > 0, utf8[k - 1] == 0x20 || utf8[k - 1] == 0x0A || utf8[k - 1] == 0x09 { k -= 1; end -= 1 }
            if bodyStart <= end { document.metadata.spans["body"] = Span(start: bodyStart, end: end) }
        }
    }
}
