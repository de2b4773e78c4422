import Foundation
import PipelineKit

/// `extract-entities`: people, organizations, places, dates and numbers, with one identity per entity.
///
/// Reads the `tokens` and `sentences` layers from `parse`; writes `entities` (mentions) and `entityTable`.
/// See docs/processors/extract-entities.md for the labels, rules and options.
///
/// ```yaml
/// steps:
///   - uses: parse
///   - uses: extract-entities
///     with: { types: [PERSON, ORG, GPE], lexicons: [my-orgs.txt] }
/// ```
public struct ExtractEntities: Processor {
    public struct Options: ProcessorOptions {
        @Option(paths: "Files of LABEL<TAB>phrase lines (exact, case-sensitive phrases); they win over built-in rules.")
        public var lexicons: [String] = []
        @Option("A list of {label, phrase} (exact token match) or {label, regex} (NSRegularExpression) rules; they win over built-in rules.")
        public var patterns: JSONValue = .array([])
        @Option("Labels to keep (PERSON, ORG, GPE, LOC, FAC, NORP, DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL, or your own); empty keeps all.")
        public var types: [String] = []
        @Option("A folder made by `pipeline train entities` whose recognizer decides PERSON/ORG/LOC/NORP spans; empty uses the shipped one, \"none\" the rules alone.")
        public var model: ModelChoice = .shipped

        public init() {}
    }

    public static let name = "extract-entities"
    public static let summary = "Finds people, organizations, places, dates and numbers, with one identity per entity."
    public static let requires: [LayerName] = [.tokens, .sentences]
    public static let provides: [LayerName] = [.entities]

    let stepID: String
    let rules: UserRules
    let types: Set<EntityLabel>
    let model: EntityModel?

    public init(options: Options, context: SetupContext) throws {
        stepID = context.stepID
        rules = try UserRules(lexiconPaths: options.lexicons, patterns: options.patterns)
        types = Set(options.types.map { EntityLabel($0.uppercased()) })
        _ = try Lexicons.loaded.get()   // load the lexicons at setup, not inside the first document
        model = try Self.loadModel(options.model)
    }

    /// Which recognizer decides PERSON/ORG/LOC/NORP spans. `none` is a word, not a path: the loader keeps it
    /// as written and resolves anything else against the pipeline's folder (a folder named none is `./none`).
    public enum ModelChoice: OptionValue, Equatable {
        case shipped
        case none
        case folder(String)

        public static var optionType: OptionType { .oneOf([.choice(["none"]), .path]) }

        public init(from decoder: Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            self = text == "none" ? .none : text.isEmpty ? .shipped : .folder(text)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .shipped: try container.encode("")
            case .none: try container.encode("none")
            case .folder(let path): try container.encode(path)
            }
        }
    }

    /// The chosen model, loaded; a folder that is missing or holds no model is a setup error at the option.
    static func loadModel(_ choice: ModelChoice) throws -> EntityModel? {
        do {
            switch choice {
            case .shipped: return try EntityModel.shipped.get()
            case .none: return nil
            case .folder(let path):
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                    throw ModelError("model folder \(path) does not exist; make one with `pipeline train entities --data FILE.jsonl --out \(path)`")
                }
                return try EntityModel(folder: URL(fileURLWithPath: path))
            }
        } catch let error as ModelError {
            throw SetupError(error.message, option: "model")
        }
    }

    public func process(_ document: inout Document) async throws {
        Self.extract(&document, rules: rules, types: types, stepID: stepID, model: model)
    }

    /// The whole extraction, synchronous, for tests and benchmarks.
    static func extract(_ document: inout Document, rules: UserRules? = nil, types: Set<EntityLabel> = [],
                        stepID: String = "extract-entities", lexicons: Lexicons = .shared,
                        model: EntityModel? = try? EntityModel.shipped.get()) {
        let view = EntityTokens(document, lexicons: lexicons)
        var chosen = ruleCandidates(document, view: view, rules: rules)
        if let model {
            let ruleNames = chosen
            chosen = ModelCombination(view: view, model: model).combine(chosen)
            // A name the header field types (dateline, source line) stays where the model saw none: the
            // field, not the word's context, says what it is, and the training text has no such headers.
            for c in ruleNames where HeaderFields.nameLabels.contains(c.label)
                && HeaderFields.fieldLabel(of: Span(start: c.start, end: c.end), metadata: document.metadata, text: document.text) != nil
                && !chosen.contains(where: { $0.lo < c.hi && c.lo < $0.hi }) {
                chosen.append(c)
            }
            chosen.sort { $0.start < $1.start }
            // Document-level facts (a match score, the dateline, the source line) outrank a token's context.
            SportsTeams.relabel(&chosen, view: view)
            HeaderFields.relabel(&chosen, metadata: document.metadata, text: document.text)
        }
        CompanyNames.relabel(&chosen, view: view)
        SurnameMentions.add(to: &chosen, view: view)
        HeaderFields.removeLabels(&chosen, metadata: document.metadata, text: document.text)
        for k in chosen.indices { chosen[k].end = withoutPossessive(chosen[k], view: view) }
        chosen.removeAll { $0.start >= $0.end }
        if !types.isEmpty { chosen.removeAll { !types.contains($0.label) && $0.label != NameRecognizer.unknownLabel } }
        EntityLinker(view: view, stepID: stepID).link(chosen, document: &document)
        if !types.isEmpty { document.entities.removeAll { !types.contains($0.label) } }
    }

    /// What the rules alone find: user rules, numbers and dates, names; overlaps resolved.
    static func ruleCandidates(_ document: Document, view: EntityTokens, rules: UserRules?) -> [Candidate] {
        var candidates = rules?.candidates(view: view, text: document.text) ?? []
        candidates += NumberRecognizer(view: view, dates: DateResolver(published: document.metadata.published)).candidates()
        var covered = [Bool](repeating: false, count: view.count)
        for c in candidates { for k in c.lo..<c.hi { covered[k] = true } }
        candidates += NameRecognizer(view: view).candidates(covered: covered)

        var chosen = resolveOverlaps(candidates)
        SportsTeams.relabel(&chosen, view: view)
        HeaderFields.relabel(&chosen, metadata: document.metadata, text: document.text)
        return chosen
    }

    /// Higher priority, then longer, wins; the result is in text order.
    static func resolveOverlaps(_ candidates: [Candidate]) -> [Candidate] {
        let order = candidates.indices.sorted { a, b in
            let x = candidates[a], y = candidates[b]
            if x.priority != y.priority { return x.priority > y.priority }
            if x.end - x.start != y.end - y.start { return x.end - x.start > y.end - y.start }
            return x.start < y.start
        }
        var taken: [Candidate] = []
        // Bytes already covered by a taken candidate: checking a candidate costs its length, not the number
        // taken so far (a list of taken spans made a 10 MB line quadratic).
        var covered = [Bool](repeating: false, count: candidates.map(\.end).max() ?? 0)
        for i in order {
            let c = candidates[i]
            guard c.start >= 0, c.start < c.end else { continue }
            if covered[c.start..<c.end].contains(true) { continue }
            for k in c.start..<c.end { covered[k] = true }
            taken.append(c)
        }
        return taken.sorted { $0.start < $1.start }
    }

    /// "Iran's" when the tokenizer left the clitic attached: the span ends before the apostrophe.
    static func withoutPossessive(_ c: Candidate, view: EntityTokens) -> Int {
        let b = view.bytes
        let e = c.end
        if e - c.start > 2, b[e - 1] == 0x73 || b[e - 1] == 0x53 {
            if b[e - 2] == 0x27 { return e - 2 }
            if e - c.start > 4, b[e - 2] == 0x99, b[e - 3] == 0x80, b[e - 4] == 0xE2 { return e - 4 }
        }
        // "Reuters'" keeps its s; a trailing lone apostrophe goes.
        if e - c.start > 1, b[e - 1] == 0x27 { return e - 1 }
        return e
    }
}
