import Foundation
import Testing
@testable import PipelineKit

/// A processor declaring one option of every type, as a plugin author would.
struct EveryType: Processor {
    struct Options: ProcessorOptions {
        enum Mode: String, OptionChoice { case fast, careful }
        @Option("A switch.") var verbose = false
        @Option("A ratio.") var threshold = 0.5
        @Option("A count.") var count = 3
        @Option("A name.") var label = "none"
        @Option(path: "A file.") var output = "-"
        @Option(duration: "A wait.") var wait = 5.0
        @Option(size: "A limit.") var limit = 1 << 20
        @Option("Some words.") var words: [String] = ["a"]
        @Option("Some weights.") var weights: [String: Double] = [:]
        @Option("A way of working.") var mode: Mode = .fast
        @Option("Something it cannot do without.", required: true) var target = ""
    }
    static let name = "every-type"
    static let summary = "Test: one option of each type."
    let options: Options
    init(options: Options, context: SetupContext) throws { self.options = options }
    func process(_ document: inout Document) async throws {}
}

struct OptionDeclarationTests {
    let folder: TemporaryFolder
    let loader: PipelineLoader

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("in/a.txt", "hello")
        var registry = TestRegistry.registry
        registry.register(EveryType.self)
        loader = PipelineLoader(registry: registry)
    }

    func load(_ with: String) throws(PipelineFileError) -> EveryType.Options {
        let pipeline = try loader.load(yaml: "inputs: [in/]\nsteps:\n  - uses: ingest\n  - uses: every-type\n    with:\n" + with,
                                       file: "p.yaml", baseDirectory: folder.path)
        return try! EveryType.Options.decode(pipeline.steps[1].options)
    }

    func errors(_ with: String) -> [String] {
        do {
            _ = try load(with)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func theDeclarationGivesNamesTypesDefaultsAndDocs() {
        let spec = EveryType.Options.spec
        #expect(spec.map(\.name) == ["verbose", "threshold", "count", "label", "output", "wait", "limit", "words", "weights", "mode", "target"])
        #expect(spec.map(\.type) == [.boolean, .number, .integer, .string, .path, .duration, .size, .list(.string), .map(.number),
                                     .choice(["fast", "careful"]), .string])
        #expect(spec.map(\.defaultValue) == [false, 0.5, 3, "none", "-", 5, .int(1 << 20), ["a"], .object([:]), "fast", nil])
        #expect(spec[0].doc == "A switch.")
        #expect(spec.last?.isRequired == true)
    }

    @Test func everyTypeIsReadFromYAML() throws {
        let o = try load("""
                  verbose: yes
                  threshold: 0.25
                  count: 1_000
                  label: sports
                  output: out/x.jsonl
                  wait: 250ms
                  limit: 2MB
                  words: [b, c]
                  weights: {x: 1.5, y: 2}
                  mode: careful
                  target: t
            """ + "\n")
        #expect(o.verbose == true)
        #expect(o.threshold == 0.25)
        #expect(o.count == 1000)
        #expect(o.label == "sports")
        #expect(o.output == folder.url.appendingPathComponent("out/x.jsonl").standardizedFileURL.path)
        #expect(o.wait == 0.25)
        #expect(o.limit == 2 << 20)
        #expect(o.words == ["b", "c"])
        #expect(o.weights == ["x": 1.5, "y": 2])
        #expect(o.mode == .careful)
        #expect(o.target == "t")
    }

    @Test func defaultsFillWhatIsLeftOut() throws {
        let o = try load("      target: t\n")
        #expect(o.verbose == false && o.threshold == 0.5 && o.count == 3 && o.label == "none" && o.output == "-")
        #expect(o.wait == 5 && o.limit == 1 << 20 && o.words == ["a"] && o.weights.isEmpty && o.mode == .fast)
    }

    @Test func eachWrongValueIsReportedAtItsLineAndColumn() {
        let found = errors("""
                  verbose: maybe
                  threshold: high
                  count: 2.5
                  label: [a]
                  output: [a]
                  wait: soon
                  limit: big
                  words: a
                  weights: {x: heavy}
                  mode: quick
            """ + "\n")
        let expected = [
            "p.yaml:4:11: error: every-type needs the option 'target'",
            "p.yaml:6:16: error: option 'verbose' of every-type must be true or false",
            "p.yaml:7:18: error: option 'threshold' of every-type must be a number",
            "p.yaml:8:14: error: option 'count' of every-type must be a whole number",
            "p.yaml:9:14: error: option 'label' of every-type must be a string",
            "p.yaml:10:15: error: option 'output' of every-type must be a path",
            "p.yaml:11:13: error: cannot read 'soon' as a duration for 'wait'",
            "p.yaml:12:14: error: cannot read 'big' as a size for 'limit'",
            "p.yaml:13:14: error: option 'words' of every-type must be a list",
            "p.yaml:14:20: error: option 'weights.x' of every-type must be a number",
            "p.yaml:15:13: error: 'quick' is not a valid value for 'mode' of every-type (expected one of: fast, careful)",
        ]
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "no '\(prefix)' in:\n\(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "\(found.joined(separator: "\n"))")
    }

    @Test func settingsAreDeclaredOptionsToo() throws {
        #expect(SettingsOptions.spec.map(\.name) == ["jobs", "on_error", "max_document_size", "oversize", "step_timeout"])
        let pipeline = try loader.load(yaml: """
            inputs: [in/]
            steps: [{uses: ingest}]
            settings: {jobs: 3, on_error: fail, max_document_size: 2MB, oversize: truncate, step_timeout: none}
            """, file: "p.yaml", baseDirectory: folder.path)
        #expect(pipeline.settings.jobs == 3)
        #expect(pipeline.settings.onError == .fail)
        #expect(pipeline.settings.maxDocumentBytes == 2 << 20)
        #expect(pipeline.settings.oversize == .truncate)
        #expect(pipeline.settings.stepTimeout == nil)
        let auto = try loader.load(yaml: "inputs: [in/]\nsteps: [{uses: ingest}]\nsettings: {jobs: auto, step_timeout: 90s}\n",
                                   file: "p.yaml", baseDirectory: folder.path)
        #expect(auto.settings.jobs == PipelineSettings.coreCount)
        #expect(auto.settings.stepTimeout == 90)
        do {
            _ = try loader.load(yaml: "inputs: [in/]\nsteps: [{uses: ingest}]\nsettings:\n  jobs: 0\n  step_timeout: later\n",
                                file: "p.yaml", baseDirectory: folder.path)
            Issue.record("expected errors")
        } catch {
            let found = error.diagnostics.map(\.description)
            #expect(found.contains { $0.hasPrefix("p.yaml:4:9: error: `jobs` must be `auto` or a whole number from 1 to 1024") }, "\(found)")
            #expect(found.contains { $0.hasPrefix("p.yaml:5:17: error: option 'step_timeout' of settings must be none | duration") }, "\(found)")
        }
    }

    @Test func optionNamesAreTheSnakeCaseOfTheProperties() {
        #expect(OptionSpec.snakeCase("minQuoteWords") == "min_quote_words")
        #expect(OptionSpec.snakeCase("count") == "count")
    }
}
