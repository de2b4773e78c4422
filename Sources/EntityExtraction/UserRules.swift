import Foundation
import PipelineKit

/// The pipeline file's own lexicons and patterns, like spaCy's EntityRuler; they win over built-in rules.
///
/// Lexicon files hold `LABEL<TAB>phrase` lines (`#` starts a comment). Patterns are a list of
/// `{label: ORG, phrase: "Acme Corp"}` (exact token match) or `{label: PRODUCT, regex: "iPhone \\d+"}`
/// (NSRegularExpression over the text).
///
/// ```yaml
/// - uses: extract-entities
///   with:
///     lexicons: [my-orgs.txt]
///     patterns:
///       - { label: ORG, phrase: "Rudaw Media Network" }
///       - { label: PRODUCT, regex: "F-\\d{2}" }
/// ```
struct UserRules: Sendable {
    let phrases: Gazetteer
    let regexes: [(NSRegularExpression, EntityLabel)]

    var isEmpty: Bool { phrases.isEmpty && regexes.isEmpty }

    init(lexiconPaths: [String], patterns: JSONValue) throws {
        var g = Gazetteer()
        for path in lexiconPaths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SetupError("cannot read lexicon file \(path); give a UTF-8 file of LABEL<TAB>phrase lines", option: "lexicons")
            }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if l.isEmpty || l.hasPrefix("#") { continue }
                let parts = line.split(separator: "\t", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw SetupError("\(path):\(n + 1): expected LABEL<TAB>phrase, got \"\(l.prefix(60))\"", option: "lexicons")
                }
                g.add(parts[1].trimmingCharacters(in: .whitespacesAndNewlines), EntityLabel(String(parts[0]).uppercased()))
            }
        }
        var regexes: [(NSRegularExpression, EntityLabel)] = []
        let list: [JSONValue]
        switch patterns {
        case .null: list = []
        case .array(let a): list = a
        default: throw SetupError("patterns must be a list of {label, phrase} or {label, regex}", option: "patterns")
        }
        for (n, item) in list.enumerated() {
            guard let o = item.objectValue, let label = o["label"]?.stringValue, !label.isEmpty else {
                throw SetupError("patterns[\(n)]: expected {label: LABEL, phrase: \"...\"} or {label: LABEL, regex: \"...\"}", option: "patterns")
            }
            if let phrase = o["phrase"]?.stringValue, !phrase.isEmpty {
                g.add(phrase, EntityLabel(label.uppercased()))
            } else if let pattern = o["regex"]?.stringValue {
                do {
                    regexes.append((try NSRegularExpression(pattern: pattern), EntityLabel(label.uppercased())))
                } catch {
                    throw SetupError("patterns[\(n)]: invalid regex \"\(pattern)\": \(error.localizedDescription)", option: "patterns")
                }
            } else {
                throw SetupError("patterns[\(n)]: needs a non-empty \"phrase\" or \"regex\"", option: "patterns")
            }
        }
        phrases = g
        self.regexes = regexes
    }

    func candidates(view: EntityTokens, text: String) -> [Candidate] {
        var out: [Candidate] = []
        if !phrases.isEmpty {
            var i = 0
            while i < view.count {
                var best: (Int, EntityLabel)? = nil
                var hash = PhraseHash()
                var j = i
                while j < view.count, view.end(j) - view.start(i) <= phrases.maxBytes {
                    view.extend(&hash, with: j, first: j == i)
                    j += 1
                    if let l = phrases[hash.value] { best = (j, l) }
                }
                if let (e, l) = best {
                    out.append(Candidate(lo: i, hi: e, view: view, label: l, priority: 3))
                    i = e
                } else { i += 1 }
            }
        }
        for (regex, label) in regexes {
            let ns = NSRange(text.startIndex..., in: text)
            for m in regex.matches(in: text, range: ns) where m.range.length > 0 {
                guard let r = Range(m.range, in: text) else { continue }
                let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
                let end = text.utf8.distance(from: text.utf8.startIndex, to: r.upperBound)
                // The tokens the match covers, for overlap resolution with the other rules.
                let covered = view.index.tokens(overlapping: Span(start: start, end: end))
                let (lo, hi) = (covered.lowerBound, covered.upperBound)
                guard lo < hi else { continue }
                var c = Candidate(lo: lo, hi: hi, view: view, label: label, priority: 3)
                c.start = start
                c.end = end
                out.append(c)
            }
        }
        return out
    }
}
