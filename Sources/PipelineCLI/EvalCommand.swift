import ArgumentParser
import Foundation
import PipelineKit

/// `pipeline eval entities|quotes CONFIG --gold GOLD.jsonl [--json]`: scores a pipeline against gold
/// annotations, like `spacy evaluate`. The figures are those of ../shared/eval/*/score.py.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a pipeline's entities or quotes against a gold JSON Lines file.",
        discussion: """
            Runs the pipeline's analysis steps (those before the first sink) over the gold documents' texts; \
            the pipeline's inputs and its export are not used. Entities: per-label precision, recall and F1, \
            exact and partial (overlapping, same label), with GPE and FAC counted as LOC; the headline is the \
            micro average over PERSON, ORG and LOC. Quotes: span F1 (strict, exact after trimming quotation \
            marks and punctuation, overlap of at least half the gold fragment) and speaker accuracy; \
            --kinds counts only gold quotes of those kinds, as score.py's --kinds does (a system quote matched \
            to a gold quote of another kind is ignored, an unmatched one is wrong). --speaker resolved compares \
            each quote's resolved speaker (its name, "Vijay Rao" for "Mr Rao said") with gold that names \
            speakers in full, strictly (eval/quotes-bbc/README.md gives the rule). Gold records may name their text by "file" \
            instead of holding it; the file is read from --texts (default: the gold file's folder).
            Example: pipeline eval entities pipelines/news.yaml --gold dev.jsonl --json
            Example: pipeline eval quotes direct.yaml --gold dev.jsonl --kinds direct
            Example: pipeline eval quotes news.yaml --gold eval/quotes-bbc/tuning.jsonl --texts ../shared/corpus/news-bbc --speaker resolved
            """
    )

    enum Task: String, ExpressibleByArgument, CaseIterable { case entities, quotes }
    enum SpeakerForm: String, ExpressibleByArgument, CaseIterable { case written, resolved }

    @Argument(help: "What to score: entities or quotes.")
    var task: Task

    @Argument(help: "The pipeline file (YAML); its steps before the first sink are run.")
    var config: String

    @ArgumentParser.Option(help: "Gold JSON Lines: {\"id\", \"text\", \"entities\": [{\"start\", \"end\", \"label\"}]} or \"quotes\"; code-point offsets.")
    var gold: String

    @ArgumentParser.Option(help: "Quotes only: the gold kinds that count, comma-separated (direct,mixed,indirect); default all.")
    var kinds: String?

    @ArgumentParser.Option(help: "Quotes only: the system quote kinds scored (direct,mixed,indirect); default all. For gold that annotates only some kinds, e.g. direct,mixed for gold without reported speech.")
    var systemKinds: String?

    @ArgumentParser.Option(help: "Quotes only: the speaker compared, as written at the quote (\"he\", matched as score.py matches) or resolved (the entity's name, matched strictly).")
    var speaker: SpeakerForm = .written

    @ArgumentParser.Option(help: "The folder holding the texts gold records name by \"file\"; default: the gold file's folder.")
    var texts: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func validate() throws {
        if speaker == .resolved, task != .quotes { throw ValidationError("--speaker applies to quotes only; drop it for entities") }
        if let systemKinds {
            guard task == .quotes else { throw ValidationError("--system-kinds applies to quotes only; drop it for entities") }
            let unknown = Self.kindSet(systemKinds).subtracting(["direct", "mixed", "indirect"])
            if !unknown.isEmpty || Self.kindSet(systemKinds).isEmpty {
                throw ValidationError("--system-kinds \"\(systemKinds)\": write kinds among direct, mixed, indirect, e.g. --system-kinds direct,mixed")
            }
        }
        guard let kinds else { return }
        guard task == .quotes else { throw ValidationError("--kinds applies to quotes only; drop it for entities") }
        if Self.kindSet(kinds).isEmpty {
            throw ValidationError("--kinds \"\(kinds)\" names no kind; write e.g. --kinds direct or --kinds direct,mixed")
        }
    }

    static func kindSet(_ list: String) -> Set<String> {
        Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func run() async throws {
        let pipeline = try loadPipeline(config, requiresInputs: false)
        let goldDocuments: [GoldDocument]
        let analyzed: GoldAnalysis.Result
        do {
            let files = gold.split(separator: ",").map(String.init)
            goldDocuments = try GoldReader.read(paths: files, texts: texts)
            analyzed = try await GoldAnalysis(pipeline: pipeline).run(goldFiles: files, gold: goldDocuments)
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        for problem in analyzed.problems { printError("warning: \(problem); scored as having no output") }
        for document in goldDocuments {
            if let system = analyzed.documents[document.id], system.text != document.text {
                printError("error: \(document.location): the pipeline changed the text of document \"\(document.id)\" (CRLF line ends?); offsets cannot be compared")
                throw ExitCode(ExitStatus.runFailed)
            }
        }
        switch task {
        case .entities: report(Self.scoreEntities(goldDocuments, analyzed.documents))
        case .quotes:
            let kindSet = kinds.map(Self.kindSet)
            if let kindSet {
                let present = Set(goldDocuments.flatMap { $0.quotes.compactMap(\.kind) })
                for k in kindSet.subtracting(present).sorted() {
                    printError("warning: --kinds \(k): no gold quote has that kind (the gold has \(present.sorted().joined(separator: ", ")))")
                }
            }
            report(Self.scoreQuotes(goldDocuments, analyzed.documents, kinds: kindSet, systemKinds: systemKinds.map(Self.kindSet),
                                    resolved: speaker == .resolved))
        }
    }

    static func scoreEntities(_ gold: [GoldDocument], _ system: [String: Document]) -> EntityScore {
        var score = EntityScore()
        for g in gold {
            var predicted: [GoldDocument.Span] = []
            if let d = system[g.id] {
                let index = CodePointIndex(d.text)
                predicted = d.entities.map {
                    GoldDocument.Span(start: index.codePoint($0.span.start), end: index.codePoint($0.span.end), label: $0.label.rawValue)
                }
            }
            score.add(gold: g.entities, predicted: predicted)
        }
        return score
    }

    /// `systemKinds`: only system quotes of these kinds are scored (nil: all). `resolved`: each quote's speaker is
    /// its resolved name (`speaker.name`), matched strictly; otherwise the speaker as written, matched as score.py matches.
    static func scoreQuotes(_ gold: [GoldDocument], _ system: [String: Document], kinds: Set<String>? = nil,
                            systemKinds: Set<String>? = nil, resolved: Bool = false) -> QuoteScore {
        var score = QuoteScore(kinds: kinds, speakers: resolved ? .resolvedNames : .asWritten)
        for g in gold {
            var units: [QuoteScore.Unit] = []
            if let d = system[g.id] {
                let index = CodePointIndex(d.text)
                for q in d.quotes where systemKinds?.contains(q.kind.rawValue) ?? true {
                    let speaker = resolved ? q.speakerName : q.speaker.map { d.text(of: $0) }
                    for f in q.fragments.isEmpty ? [q.span] : q.fragments {
                        units.append(.init(start: index.codePoint(f.start), end: index.codePoint(f.end), speaker: speaker))
                    }
                }
            }
            score.add(text: g.text, gold: g.quotes, system: units)
        }
        return score
    }

    func report(_ score: EntityScore) {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        if json {
            var labels: [String: JSONValue] = [:]
            for l in score.labels {
                let e = score.label(l, partial: false), p = score.label(l, partial: true)
                labels[l] = .object(["p": .double(e.p), "r": .double(e.r), "f1": .double(e.f1),
                                     "partial": .object(["p": .double(p.p), "r": .double(p.r), "f1": .double(p.f1)]),
                                     "gold": .int(score.gold[l] ?? 0), "predicted": .int(score.predicted[l] ?? 0)])
            }
            let m = score.micro(EntityScore.core, partial: false), mp = score.micro(EntityScore.core, partial: true)
            print(Self.json(.object([
                "micro": .object(["p": .double(m.p), "r": .double(m.r), "f1": .double(m.f1)]),
                "micro_partial": .object(["p": .double(mp.p), "r": .double(mp.r), "f1": .double(mp.f1)]),
                "labels": .object(labels),
            ])))
            return
        }
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        print("\(pad("label", 8, left: true)) \(pad("gold", 5)) \(pad("pred", 5)) | \(pad("P", 6)) \(pad("R", 6)) \(pad("F1", 6)) | partial \(pad("P", 6)) \(pad("R", 6)) \(pad("F1", 6))")
        for l in score.labels {
            let e = score.label(l, partial: false), p = score.label(l, partial: true)
            print("\(pad(l, 8, left: true)) \(pad(String(score.gold[l] ?? 0), 5)) \(pad(String(score.predicted[l] ?? 0), 5)) | \(pad(f(e.p), 6)) \(pad(f(e.r), 6)) \(pad(f(e.f1), 6)) |         \(pad(f(p.p), 6)) \(pad(f(p.r), 6)) \(pad(f(p.f1), 6))")
        }
        let m = score.micro(EntityScore.core, partial: false), mp = score.micro(EntityScore.core, partial: true)
        print("micro[PERSON,ORG,LOC]  exact P=\(f(m.p)) R=\(f(m.r)) F1=\(f(m.f1)) | partial P=\(f(mp.p)) R=\(f(mp.r)) F1=\(f(mp.f1))")
    }

    func report(_ score: QuoteScore) {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func prf(_ x: EntityScore.PRF) -> JSONValue { .object(["p": .double(x.p), "r": .double(x.r), "f1": .double(x.f1)]) }
        if json {
            print(Self.json(.object(["quotes": .object([
                "gold": .int(score.goldCount), "system": .int(score.systemCount),
                "speaker": .string(score.speakers == .resolvedNames ? "resolved" : "written"),
                "kinds": score.kinds.map { .array($0.sorted().map { .string($0) }) } ?? .null,
                "strict": prf(score.strict), "exact": prf(score.exact), "overlap": prf(score.overlap),
                "speaker_acc": .double(score.speakerAccuracy), "speaker_acc_named": .double(score.namedSpeakerAccuracy),
                "attribution": prf(score.attribution),
            ])])))
            return
        }
        print("kinds=\(score.kinds.map { $0.sorted().joined(separator: ",") } ?? "all") gold_quotes=\(score.goldCount) system_quotes=\(score.systemCount)")
        for (name, x) in [("span_exact_strict", score.strict), ("span_exact", score.exact), ("span_overlap50", score.overlap)] {
            print("\(name.padding(toLength: 18, withPad: " ", startingAt: 0)) P=\(f(x.p)) R=\(f(x.r)) F1=\(f(x.f1))")
        }
        print("speaker_acc        \(f(score.speakerAccuracy)) (\(score.speakerRight)/\(score.speakerPairs) overlap-matched quotes\(score.speakers == .resolvedNames ? "; resolved names, strict" : ""))")
        print("speaker_acc_named  \(f(score.namedSpeakerAccuracy)) (\(score.namedRight)/\(score.namedPairs); gold speaker not pronoun/null)")
        let a = score.attribution
        print("attribution_e2e    P=\(f(a.p)) R=\(f(a.r)) F1=\(f(a.f1))")
    }

    static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}
