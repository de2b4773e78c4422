/// The tags of the sequence model: O, and B(egin) I(nside) L(ast) U(nit) for each label the model learns.
///
/// ```swift
/// let tags = BILOUTags(labels: ["PERSON", "ORG"])
/// tags.tag(.unit, label: 1)      // U-ORG
/// tags.canFollow(tags.tag(.begin, label: 0), tags.tag(.last, label: 0))   // true
/// ```
struct BILOUTags: Sendable, Equatable {
    enum Position: Int { case begin = 0, inside, last, unit }

    let labels: [String]
    var count: Int { 1 + 4 * labels.count }
    static let outside = 0

    func tag(_ position: Position, label: Int) -> Int { 1 + 4 * label + position.rawValue }
    func label(of tag: Int) -> Int? { tag == 0 ? nil : (tag - 1) / 4 }
    func position(of tag: Int) -> Position? { tag == 0 ? nil : Position(rawValue: (tag - 1) % 4) }

    /// Inside a span (after B or I) only I or L of the same label may come; otherwise O, B or U.
    func canFollow(_ previous: Int, _ next: Int) -> Bool {
        let open = position(of: previous) == .begin || position(of: previous) == .inside
        if open { return label(of: next) == label(of: previous) && (position(of: next) == .inside || position(of: next) == .last) }
        return next == 0 || position(of: next) == .begin || position(of: next) == .unit
    }

    /// Whether a tag may end the sequence (no span left open).
    func canEnd(_ tag: Int) -> Bool { position(of: tag) != .begin && position(of: tag) != .inside }

    func name(_ tag: Int) -> String {
        guard let l = label(of: tag), let p = position(of: tag) else { return "O" }
        return ["B", "I", "L", "U"][p.rawValue] + "-" + labels[l]
    }

    /// Tags for token spans `(lo, hi, label)` over `count` tokens.
    func encode(_ spans: [(lo: Int, hi: Int, label: Int)], count: Int) -> [Int] {
        var tags = [Int](repeating: 0, count: count)
        for s in spans where s.lo < s.hi {
            if s.hi - s.lo == 1 { tags[s.lo] = tag(.unit, label: s.label); continue }
            tags[s.lo] = tag(.begin, label: s.label)
            for k in s.lo + 1..<s.hi - 1 { tags[k] = tag(.inside, label: s.label) }
            tags[s.hi - 1] = tag(.last, label: s.label)
        }
        return tags
    }

    /// Token spans of a valid tag sequence.
    func decode(_ tags: [Int]) -> [(lo: Int, hi: Int, label: Int)] {
        var spans: [(lo: Int, hi: Int, label: Int)] = []
        var start = -1
        for (i, t) in tags.enumerated() {
            guard let l = label(of: t), let p = position(of: t) else { start = -1; continue }
            switch p {
            case .unit: spans.append((i, i + 1, l)); start = -1
            case .begin: start = i
            case .inside: break
            case .last: if start >= 0 { spans.append((start, i + 1, l)) }; start = -1
            }
        }
        return spans
    }
}
