import BuiltinProcessors
import EntityExtraction
import ExecProcessor
import Export
import Foundation
import Keyphrases
import Parsing
import PipelineKit
import QuoteExtraction
import Sentiment
import Testing

/// Every shipped processor's declared defaults decode into its options as declared.
struct BuiltinOptionsTests {
    /// Decodes the declared defaults (plus the required options given) and reads the values back: what the
    /// loader hands a processor when `with:` is left out must be what the declaration says.
    func defaultsRoundTrip<O: ProcessorOptions>(_ type: O.Type, required: [String: JSONValue] = [:],
                                               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> O {
        let decoded = try O.decode(.object(required))
        let declared = O.spec.filter { !$0.isRequired }
        let read = OptionSpec.declared(in: decoded).filter { required[$0.name] == nil }
        #expect(read.map(\.name) == declared.map(\.name), sourceLocation: sourceLocation)
        #expect(read.map(\.defaultValue) == declared.map(\.defaultValue), sourceLocation: sourceLocation)
        return decoded
    }

    @Test func everyBuiltInDecodesItsDefaults() throws {
        let registry = ProcessorRegistry.builtins
        #expect(registry.conflicts.isEmpty)
        #expect(Set(registry.all.map(\.name)) == ["parse", "extract-entities", "extract-quotes", "export", "exec", "keyphrases", "sentiment"])

        let parse = try defaultsRoundTrip(Parse.Options.self)
        #expect(parse.textField == "text" && parse.language == "en")
        let entities = try defaultsRoundTrip(ExtractEntities.Options.self)
        #expect(entities.lexicons.isEmpty && entities.types.isEmpty)
        let quotes = try defaultsRoundTrip(ExtractQuotes.Options.self)
        #expect(quotes.kinds == [.direct, .mixed, .indirect] && quotes.minQuoteWords == 4)
        let export = try defaultsRoundTrip(Export.Options.self)
        #expect(export.format == .jsonl && export.overwrite == .ours && export.layers.contains(.entities))
        let exec = try defaultsRoundTrip(Exec.Options.self, required: ["command": ["true"]])
        #expect(exec.command == ["true"] && exec.timeout == 30 && exec.send == [.paragraphs, .sentences, .tokens])
        let keyphrases = try defaultsRoundTrip(Keyphrases.Options.self)
        #expect(keyphrases.count == 10 && keyphrases.maxWords == 4)
        let sentiment = try defaultsRoundTrip(Sentiment.Options.self)
        #expect(sentiment.threshold == 0.05 && sentiment.sentences)
        _ = try defaultsRoundTrip(SettingsOptions.self)
    }

    @Test func choiceOptionsListTheirEnumCases() {
        let format = Export.Options.spec.first { $0.name == "format" }
        #expect(format?.type == .choice(["jsonl", "json", "csv", "sqlite", "html"]))
        let kinds = ExtractQuotes.Options.spec.first { $0.name == "kinds" }
        #expect(kinds?.type == .list(.choice(["direct", "mixed", "indirect"])))
        #expect(Exec.Options.spec.first { $0.name == "command" }?.isRequired == true)
    }

    @Test func theParseStepDeclaresTheInputFormats() {
        #expect(ProcessorRegistry.builtins.inputFormats == ["auto", "text", "news", "html", "markdown", "jsonl"])
        #expect(ProcessorRegistry().inputFormats == ["auto"])
    }
}
