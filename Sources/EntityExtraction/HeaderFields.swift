import PipelineKit

/// Types names by the header field `parse` found them in: a dateline names a place ("NORTH ELDON,
/// Marrow County"), the source line and a news agency in the dateline name an organization
/// ("Source: Coastal Ledger Wire", "KESTREL CITY (Plainsview Daily) —"). Shape rules alone would guess
/// from capitals, and unknown places and small publishers are in no lexicon.
///
/// ```swift
/// HeaderFields.relabel(&chosen, metadata: document.metadata, text: document.text)
/// ```
enum HeaderFields {
    static let nameLabels: Set<EntityLabel> = [.person, .org, .gpe, .loc, .fac, .norp, NameRecognizer.unknownLabel]

    static func relabel(_ candidates: inout [Candidate], metadata: Metadata, text: String) {
        for k in candidates.indices where nameLabels.contains(candidates[k].label) {
            guard let label = fieldLabel(of: Span(start: candidates[k].start, end: candidates[k].end), metadata: metadata, text: text) else { continue }
            candidates[k].label = label
            candidates[k].guessed = false
        }
    }

    /// Drops names in the header lines between the title and the story that are no field's value: the
    /// fields' own labels («Last Update: … - Source: Rudaw», «Posted», «Updated») are capitalized words a
    /// recognizer takes for names, and the reader already gave every value in those lines its field.
    static func removeLabels(_ candidates: inout [Candidate], metadata: Metadata, text: String) {
        guard let body = metadata.spans["body"] else { return }
        let headerStart = metadata.spans["title"]?.end ?? 0
        let values = metadata.spans.filter { $0.key != "body" }.map(\.value)
        candidates.removeAll { c in
            let span = Span(start: c.start, end: c.end)
            return nameLabels.contains(c.label) && c.start >= headerStart && c.end <= body.start
                && !values.contains { $0.contains(span) } && fieldLabel(of: span, metadata: metadata, text: text) == nil
        }
    }

    /// The label a header field gives a name at `span`: GPE in the dateline, ORG in the source line or as
    /// the source's name; nil outside the header.
    static func fieldLabel(of span: Span, metadata: Metadata, text: String) -> EntityLabel? {
        if let dateline = metadata.spans["dateline"], dateline.contains(span) { return .gpe }
        if let source = metadata.spans["source"], source.contains(span) { return .org }
        if let name = metadata.source, span.length == name.utf8.count,
           text.utf8.dropFirst(span.start).prefix(span.length).elementsEqual(name.utf8) {
            return .org
        }
        return nil
    }
}
