import PipelineKit

/// A proposed mention over tokens `lo..<hi` (or bytes `start..<end` within them), before overlaps are resolved.
struct Candidate {
    var lo: Int
    var hi: Int
    var start: Int
    var end: Int
    var label: EntityLabel
    var attributes: [String: String] = [:]
    /// Higher wins an overlap: user rules 3, numbers and dates 2, names 1.
    var priority: Int
    /// For acronym definitions: the long form this mention is an alias of (a byte span).
    var aliasOf: Span? = nil
    /// The label is a guess from shape and context, not from a lexicon or rule; linking may replace it.
    var guessed = false
    /// A gender the title in front of the name gives ("Mr.").
    var titleGender: Lexicons.Gender = .unknown

    init(lo: Int, hi: Int, view: EntityTokens, label: EntityLabel, priority: Int, attributes: [String: String] = [:]) {
        self.lo = lo
        self.hi = hi
        self.start = view.start(lo)
        self.end = view.end(hi - 1)
        self.label = label
        self.priority = priority
        self.attributes = attributes
    }
}
