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
        let dateline = metadata.spans["dateline"]
        let sourceSpan = metadata.spans["source"]
        let sourceName = metadata.source.map { Array($0.utf8) }
        let bytes = text.utf8
        for k in candidates.indices where nameLabels.contains(candidates[k].label) {
            let span = Span(start: candidates[k].start, end: candidates[k].end)
            if let dateline, dateline.contains(span) {
                candidates[k].label = .gpe
                candidates[k].guessed = false
            } else if let sourceSpan, sourceSpan.contains(span) {
                candidates[k].label = .org
                candidates[k].guessed = false
            } else if let sourceName, span.length == sourceName.count,
                      bytes.dropFirst(span.start).prefix(span.length).elementsEqual(sourceName) {
                candidates[k].label = .org
                candidates[k].guessed = false
            }
        }
    }
}
