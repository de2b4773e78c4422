import Foundation
import PipelineKit

/// The words pages print around an article, per language, from `Lexicons/boilerplate-<lang>.tsv`
/// (Lexicons/README.md says what each kind does and where the phrases come from).
///
/// They act only after the language-independent signals have chosen the article: a short block that is
/// a section title ("Related posts", "Ähnliche Beiträge") ends the article; a label ("Tags:",
/// "Anzeige") is dropped alone; a short block with consent wording is set aside before scoring.
///
/// ```swift
/// let lexicon = HTMLBoilerplateLexicon.shared
/// lexicon.kind(ofBlock: Array("Kommentare (12)".utf8))   // .end
/// lexicon.kind(ofBlock: Array("Tags: Wahl, Bundestag".utf8))   // .label
/// ```
struct HTMLBoilerplateLexicon: Sendable {
    enum Kind { case end, label }

    private var ends: Set<[UInt8]> = []
    private var labels: Set<[UInt8]> = []
    /// Longest label, so a block's text is only compared on prefixes that can match.
    private var longestLabel = 0
    private(set) var consent: [[UInt8]] = []

    /// The shipped lists, or why they cannot be read; `Parse` checks it at setup.
    static let loaded = Result { () throws(SetupError) in
        HTMLBoilerplateLexicon(folder: try Parse.moduleResources.folder("Lexicons", source: "HTML/Lexicons"))
    }

    /// Loaded once per process, then shared (empty, so no lexicon rule acts, where `loaded` failed).
    static let shared = (try? loaded.get()) ?? HTMLBoilerplateLexicon(tsv: "")

    init(folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() where name.hasPrefix("boilerplate-") && name.hasSuffix(".tsv") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            add(tsv: text)
        }
    }

    /// Entries as in the data files: `kind<TAB>phrase` lines.
    init(tsv: String) { add(tsv: tsv) }

    private mutating func add(tsv: String) {
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { continue }
            let phrase = Self.normalized(Array(fields[1].utf8))
            guard !phrase.isEmpty else { continue }
            switch fields[0] {
            case "end": ends.insert(phrase)
            case "label":
                labels.insert(phrase)
                longestLabel = max(longestLabel, phrase.count)
            case "consent": consent.append(phrase)
            default: continue
            }
        }
    }

    /// What a short block's text says it is, if anything: the whole text (digits, brackets and
    /// punctuation aside) is an end phrase or a label, or it starts with a label and a colon.
    func kind(ofBlock text: [UInt8]) -> Kind? {
        let core = Self.normalized(text)
        guard !core.isEmpty else { return nil }
        if ends.contains(core) { return .end }
        if labels.contains(core) { return .label }
        // "Comments closed | Trackback URL": a row of links and notes reads by its first part.
        if let bar = text.firstIndex(where: { $0 == UInt8(ascii: "|") }) {
            let first = Self.normalized(Array(text[..<bar]))
            if ends.contains(first) { return .end }
            if labels.contains(first) { return .label }
        }
        // "Tags: a, b" / "Mots-clés : a, b": the label runs to the first colon.
        let lowered = Self.lowercased(text)
        guard let colon = lowered.firstIndex(of: UInt8(ascii: ":")), colon <= longestLabel + 2 else { return nil }
        return labels.contains(Self.normalized(Array(lowered[..<colon]))) ? .label : nil
    }

    /// Whether lower-cased text holds consent-notice wording.
    func isConsentNotice(_ lowered: [UInt8]) -> Bool {
        consent.contains { HTMLNameRules.contains(lowered, $0) }
    }

    /// ASCII and Latin-1 letters lower-cased ("Ä" → "ä"); other bytes unchanged.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        while i < out.count {
            let b = out[i]
            if b >= 0x41 && b <= 0x5A {
                out[i] = b + 0x20
            } else if b == 0xC3 && i + 1 < out.count && out[i + 1] >= 0x80 && out[i + 1] <= 0x9E && out[i + 1] != 0x97 {
                out[i + 1] += 0x20
                i += 1
            }
            i += 1
        }
        return out
    }

    /// Lower-cased, blanks collapsed, and digits, brackets and punctuation trimmed from both ends:
    /// "  Kommentare (12) " → "kommentare", "3 Comments" → "comments", "Related posts:" → "related posts".
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        let lowered = lowercased(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(lowered.count)
        var pendingSpace = false
        for b in lowered {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        func isTrimmed(_ b: UInt8) -> Bool { b < 0x80 && !(b >= 0x61 && b <= 0x7A) }
        var start = 0
        var end = out.count
        while start < end && isTrimmed(out[start]) { start += 1 }
        while end > start && isTrimmed(out[end - 1]) { end -= 1 }
        return Array(out[start..<end])
    }
}
