import ArgumentParser
import PipelineKit

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the processors, one a line.")

    func run() async throws {
        let all = Registry.shared.all
        let width = all.map(\.name.count).max() ?? 0
        for d in all {
            print(d.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + d.summary)
        }
    }
}

struct DescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show a processor's options (or `settings`) with their types, defaults and docs.")

    @Argument(help: "A processor name, as `pipeline list` shows it, or `settings`.")
    var name: String

    func run() async throws {
        if name == "settings", Registry.shared[name] == nil {
            print((["settings: the `settings:` block of a pipeline file", "", "options (under `settings:`):"]
                   + Self.render(SettingsOptions.spec)).joined(separator: "\n"))
            return
        }
        guard let d = Registry.shared[name] else {
            let hint = Suggestion.didYouMean(name, in: Registry.shared.all.map(\.name)) ?? "`pipeline list` shows the processors"
            printError("error: unknown processor '\(name)' (\(hint))")
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        print(Self.render(d))
    }

    static func render(_ d: ProcessorDescriptor) -> String {
        var lines = ["\(d.name): \(d.summary)", ""]
        if !d.requires.isEmpty { lines.append("requires: \(d.requires.map(\.rawValue).joined(separator: ", "))") }
        if !d.provides.isEmpty { lines.append("provides: \(d.provides.map(\.rawValue).joined(separator: ", "))") }
        if d.kind == .sink { lines.append("runs:     as a sink: one document at a time, in input order") }
        lines.append("")
        if d.options.isEmpty {
            lines.append("options: none")
        } else {
            lines.append("options (under `with:`):")
            lines += render(d.options)
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ options: [OptionSpec]) -> [String] {
        options.flatMap { o -> [String] in
            let shown = o.defaultValue.map { value -> String in
                if o.type == .size, let bytes = value.intValue { return ByteSize.format(bytes) }
                return value.displayString.isEmpty ? "\"\"" : value.displayString
            }
            return ["  \(o.name)  (\(o.type); \(shown.map { "default: \($0)" } ?? "required"))", "      \(o.doc)"]
        }
    }
}

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print a JSON Schema of pipeline files, for editors.")

    func run() async throws {
        let schema = PipelineSchema.jsonSchema(for: Registry.shared)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(schema), as: UTF8.self))
    }
}

import Foundation
