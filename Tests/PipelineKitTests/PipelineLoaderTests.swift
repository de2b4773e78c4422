import Foundation
import Testing
@testable import PipelineKit

/// Each class of pipeline-file mistake is reported at its line and column, with a suggestion where one exists.
struct PipelineLoaderTests {
    let folder: TemporaryFolder
    let loader: PipelineLoader

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("articles/a.txt", "hello")
        loader = PipelineLoader(registry: TestRegistry.registry, environment: ["ARTICLES": "articles"])
    }

    func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try loader.load(yaml: yaml, file: "p.yaml", baseDirectory: folder.path)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func expectError(_ yaml: String, line: Int, column: Int? = nil, contains text: String, hint: String? = nil,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = diagnostics(yaml)
        let match = found.first { $0.location.line == line && $0.message.contains(text) && (column == nil || $0.location.column == column) }
        #expect(match != nil, "expected an error at line \(line) containing '\(text)', got:\n\(found.map(\.description).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        if let hint, let match {
            #expect(match.hint?.contains(hint) == true, "hint was \(match.hint ?? "nil")", sourceLocation: sourceLocation)
        }
    }

    @Test func validPipelineLoadsWithDefaultsAndResolvedPaths() throws {
        let pipeline = try loader.load(yaml: """
            inputs:
              - path: ${ARTICLES}/
            steps:
              - uses: ingest
              - uses: collect
                with: { label: x }
            settings: { jobs: 3, on_error: fail, max_document_size: 2MB }
            """, file: "p.yaml", baseDirectory: folder.path)
        #expect(pipeline.inputs.first?.path == folder.url.appendingPathComponent("articles").standardizedFileURL.path)
        #expect(pipeline.inputs.first?.kind == .folder)
        #expect(pipeline.steps.map(\.id) == ["ingest", "collect"])
        #expect(pipeline.steps[0].options["delay_ms"] == .int(0))
        #expect(pipeline.steps[1].options["label"] == .string("x"))
        #expect(pipeline.settings.jobs == 3)
        #expect(pipeline.settings.onError == .fail)
        #expect(pipeline.settings.maxDocumentBytes == 2 << 20)
    }

    @Test func misspelledProcessorSuggestsTheRightOne() {
        expectError("inputs: [articles]\nsteps:\n  - uses: injest\n", line: 3, column: 11, contains: "unknown processor 'injest'",
                    hint: "did you mean 'ingest'?")
    }

    @Test func misspelledOptionKeyAndEnumValueSuggestFixes() {
        let yaml = "inputs: [articles]\nsteps:\n  - uses: ingest\n    with:\n      mdoe: upper\n  - uses: ingest\n    with: {mode: uper}\n"
        expectError(yaml, line: 5, contains: "unknown option 'mdoe'", hint: "did you mean 'mode'?")
        expectError(yaml, line: 7, contains: "'uper' is not a valid value", hint: "did you mean 'upper'?")
    }

    @Test func misspelledTopLevelAndSettingsKeysSuggestFixes() {
        let yaml = "inputs: [articles]\nstep:\n  - uses: ingest\nsettings:\n  on_eror: skip\n"
        expectError(yaml, line: 2, contains: "unknown key 'step'", hint: "did you mean 'steps'?")
        expectError(yaml, line: 5, contains: "unknown key 'on_eror'", hint: "did you mean 'on_error'?")
        expectError(yaml, line: 1, contains: "missing `steps:`")
    }

    @Test func wrongOptionTypeIsReportedAtTheValue() {
        expectError("inputs: [articles]\nsteps:\n  - uses: ingest\n    with: {delay_ms: soon}\n", line: 4, column: 22,
                    contains: "must be a whole number")
    }

    @Test func missingLayerNamesTheStepThatWouldProvideIt() {
        var registry = TestRegistry.registry
        struct Tokenize: Processor {
            static let name = "tokenize"
            static let summary = "Test: provides tokens."
            static let provides: [LayerName] = [.tokens]
            init(options: NoOptions, context: SetupContext) throws {}
            func process(_ document: inout Document) async throws {}
        }
        registry.register(Tokenize.self)
        let loader = PipelineLoader(registry: registry)
        do {
            _ = try loader.load(yaml: "inputs: [articles]\nsteps:\n  - uses: ingest\n  - uses: needs-tokens\n", baseDirectory: folder.path)
            Issue.record("expected an error")
        } catch {
            let d = error.diagnostics.first
            #expect(d?.location.line == 4)
            #expect(d?.message.contains("needs tokens") == true)
            #expect(d?.hint == "add `- uses: tokenize` before it")
        }
    }

    @Test func missingInputPathAndUnsetVariableAreErrors() {
        expectError("inputs:\n  - path: nowhere/\nsteps: [{uses: ingest}]\n", line: 2, contains: "'nowhere/' does not exist")
        expectError("inputs:\n  - path: ${NOT_SET_ANYWHERE}\nsteps: [{uses: ingest}]\n", line: 2,
                    contains: "environment variable NOT_SET_ANYWHERE is not set")
        expectError("inputs:\n  - path: articles/*.pdf\nsteps: [{uses: ingest}]\n", line: 2, contains: "no file matches")
    }

    @Test func duplicateKeysTabsAndNonMappingsAreErrors() {
        expectError("inputs: [articles]\ninputs: [articles]\nsteps: [{uses: ingest}]\n", line: 2, column: 1, contains: "duplicate key 'inputs'")
        expectError("inputs: [articles]\nsteps:\n\t- uses: ingest\n", line: 3, column: 1, contains: "tab used for indentation")
        expectError("- uses: ingest\n", line: 1, contains: "must be a mapping")
        expectError("just words\n", line: 1, contains: "must be a mapping")
        expectError("", line: 1, contains: "empty")
    }

    @Test func duplicateKeyIsReportedWhereItIsRepeated() {
        // Block style, nested in a step: the second `with:`, not the first.
        expectError("inputs: [articles]\nsteps:\n  - uses: collect\n    with: {label: a}\n    id: c\n    with: {label: b}\n",
                    line: 6, column: 5, contains: "duplicate key 'with'")
        // Flow style on one line.
        expectError("inputs: [articles]\nsteps: [{uses: ingest, uses: collect}]\n", line: 2, column: 24, contains: "duplicate key 'uses'")
    }

    @Test func misspellingByASwapIsOneEditAndOtherwiseCountsEachChange() {
        #expect(Suggestion.editDistance("fromat", "format") == 1)
        #expect(Suggestion.editDistance("aba", "bab") == 2)
        #expect(Suggestion.editDistance("abcd", "badc") == 2)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.didYouMean("bab", in: ["aba"]) == nil)
    }

    @Test func aProcessorNameRegisteredTwiceIsAConflictNamingBothTypes() {
        var registry = ProcessorRegistry()
        registry.register(Ingest.self)
        struct OtherIngest: Processor {
            static let name = "ingest"
            static let summary = "Test: a second processor called ingest."
            init(options: NoOptions, context: SetupContext) throws {}
            func process(_ document: inout Document) async throws {}
        }
        registry.register(OtherIngest.self)
        #expect(registry.conflicts.count == 1)
        #expect(registry.conflicts.first?.contains("PipelineKitTests.Ingest") == true)
        #expect(registry.conflicts.first?.contains("OtherIngest") == true)
        #expect(registry["ingest"]?.typeName == "PipelineKitTests.Ingest")
    }

    @Test func aTrainerNameRegisteredTwiceIsAConflictAndTheFirstStays() {
        struct FirstTrainer: Trainer {
            static let name = "tags"
            static let summary = "Test: the first trainer called tags."
            static func train(_ examples: [TrainingExample], settings: TrainingSettings,
                              progress: (String) -> Void) throws -> String { "first" }
        }
        struct SecondTrainer: Trainer {
            static let name = "tags"
            static let summary = "Test: a second trainer called tags."
            static func train(_ examples: [TrainingExample], settings: TrainingSettings,
                              progress: (String) -> Void) throws -> String { "second" }
        }
        var registry = ProcessorRegistry()
        registry.register(trainer: FirstTrainer.self)
        registry.register(trainer: SecondTrainer.self)
        #expect(registry.conflicts.count == 1)
        #expect(registry.conflicts.first?.contains("FirstTrainer") == true)
        #expect(registry.conflicts.first?.contains("SecondTrainer") == true)
        #expect(registry.trainers["tags"]?.summary == FirstTrainer.summary)
    }

    @Test func aPipelineFileThatIsADeviceIsRefusedAsNotARegularFile() throws {
        do {
            _ = try loader.load(path: "/dev/zero")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message == "not a regular file (a character device)")
        }
    }

    @Test func syntaxErrorsCarryLibyamlPosition() {
        expectError("inputs: [articles\nsteps: [{uses: ingest}]\n", line: 2, contains: "invalid YAML")
    }

    @Test func binaryGarbageIsRejectedAsNotText() {
        var bytes: [UInt8] = Array("inputs: [a]\n".utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x13, 0x37]
        do {
            _ = try loader.load(bytes: bytes, file: "junk.yaml", baseDirectory: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("not a text file") == true)
        }
    }

    @Test func aliasBombIsRefusedQuickly() {
        var yaml = "a: &a [x,x,x,x,x,x,x,x,x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let clock = ContinuousClock()
        var found: [Diagnostic] = []
        let elapsed = clock.measure { found = diagnostics(yaml) }
        #expect(found.contains { $0.message.contains("expands to more than") })
        #expect(elapsed < .seconds(5))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let found = diagnostics(String(repeating: "[", count: 100_000))
        #expect(found.contains { $0.message.contains("invalid YAML") })
    }

    @Test func allProblemsAreReportedAtOnce() {
        let found = diagnostics("inputs:\n  - path: nowhere\nsteps:\n  - uses: injest\n  - uses: ingest\n    with: {mode: loud}\nsettings: {jobs: lots}\n")
        #expect(found.count == 4)
        #expect(found.map(\.location.line) == [2, 4, 6, 7])
    }

    @Test func secondStepWithTheSameProcessorGetsNumberedID() throws {
        let p = try loader.load(yaml: "inputs: [articles]\nsteps: [{uses: ingest}, {uses: collect}, {uses: collect}]\n",
                                baseDirectory: folder.path)
        #expect(p.steps.map(\.id) == ["ingest", "collect", "collect#2"])
    }
}
