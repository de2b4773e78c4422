import ArgumentParser
import Foundation

/// `pipeline new-processor NAME`: writes a processor module and a passing test, and prints the lines to add
/// to Package.swift and to the registry. See docs/writing-a-processor.md.
struct NewProcessorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-processor",
        abstract: "Write a new processor module (source with declared options, and a passing test).",
        discussion: """
            Example: pipeline new-processor reading-time --output my-package
            writes my-package/Plugins/ReadingTime/ReadingTime.swift and my-package/Tests/ReadingTimeTests/ReadingTimeTests.swift, \
            then prints the Package.swift targets and the registry line to add. Existing files are never overwritten.
            """
    )

    @Argument(help: "The processor's name as pipelines will `uses:` it: lower case words joined by '-', e.g. reading-time.")
    var name: String

    @ArgumentParser.Option(help: "The package folder to write into.")
    var output: String = "."

    @ArgumentParser.Option(help: "The Swift module name (default: the name in UpperCamelCase, e.g. ReadingTime).")
    var module: String?

    func validate() throws {
        guard Scaffold.isValidName(name) else {
            throw ValidationError("'\(name)' is not a processor name: use lower case letters and digits in words joined by '-', starting with a letter (e.g. reading-time)")
        }
        if let module, !Scaffold.isValidModule(module) {
            throw ValidationError("'\(module)' is not a Swift module name: use letters and digits, starting with an upper-case letter")
        }
    }

    func run() throws {
        let scaffold = Scaffold(name: name, module: module ?? Scaffold.moduleName(for: name))
        let root = URL(fileURLWithPath: output)
        let written: [String]
        do {
            written = try scaffold.write(into: root)
        } catch let error as Scaffold.Exists {
            printError("error: \(error.path) already exists; nothing was written (choose another name or --output)")
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        for path in written { print("wrote \(path)") }
        print("")
        print(scaffold.instructions(packageFolder: root))
    }
}

/// The files `new-processor` writes, as text; kept apart from the command so tests can compile them.
struct Scaffold {
    let name: String
    let module: String

    struct Exists: Error { var path: String }

    static func isValidName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return !name.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        } && ("a"..."z").contains(name.first!)
    }

    static func isValidModule(_ module: String) -> Bool {
        guard let first = module.first, ("A"..."Z").contains(first) else { return false }
        return module.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// "reading-time" → "ReadingTime".
    static func moduleName(for name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    var sourcePath: String { "Plugins/\(module)/\(module).swift" }
    var testPath: String { "Tests/\(module)Tests/\(module)Tests.swift" }
    /// The metadata key it writes: "reading_time_words".
    var metadataKey: String { name.replacingOccurrences(of: "-", with: "_") + "_words" }
    /// The layer key's Swift name: the module name in lower camel case ("WordCount" → "wordCount").
    var keyName: String { module.prefix(1).lowercased() + module.dropFirst() }

    /// Writes both files under `root`; refuses to overwrite anything.
    func write(into root: URL) throws -> [String] {
        let files = [(sourcePath, source), (testPath, test)]
        for (path, _) in files where FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
            throw Exists(path: root.appendingPathComponent(path).path)
        }
        var written: [String] = []
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            written.append(url.path)
        }
        return written
    }

    /// What to add by hand: SwiftPM manifests and the registry are code, so the scaffold prints the lines.
    func instructions(packageFolder: URL) -> String {
        let manifest = (try? String(contentsOf: packageFolder.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        // Inside this repository the module is a target; in a user's package, PipelineKit is a product.
        let inRepository = manifest.contains("name: \"DocumentPipeline\"") && manifest.contains("name: \"PipelineKit\", dependencies")
        let kit = inRepository ? "\"PipelineKit\"" : ".product(name: \"PipelineKit\", package: \"DocumentPipeline\")"
        return """
            Add to Package.swift, under `targets:`:

                .target(name: "\(module)", dependencies: [\(kit)], path: "Plugins/\(module)"),
                .testTarget(name: "\(module)Tests", dependencies: ["\(module)", \(kit)]),

            and "\(module)" to the dependencies of your executable target.

            Register it in your executable's main.swift (Sources/BuiltinProcessors/BuiltinProcessors.swift in this repository):

                import \(module)
                registry.register(\(module).self)

            Then: swift test --filter \(module)Tests && swift run pipeline describe \(name)
            """
    }

    var source: String {
        """
        import PipelineKit

        /// `\(name)`: counts the words of each sentence. Replace this with what your processor finds.
        ///
        /// Reads the `sentences` and `tokens` layers (`parse` provides them), writes a `\(name)` layer (one
        /// entry per sentence) and `metadata.\(metadataKey)` (the total).
        ///
        /// ```yaml
        /// - uses: \(name)
        ///   with: { min_length: 2 }
        /// ```
        public struct \(module): Processor {
            /// The `with:` block. Each `@Option` is the whole declaration: the key (`min_length`), the type,
            /// the default and the doc that validation, `pipeline describe` and the JSON schema show.
            public struct Options: ProcessorOptions {
                @Option("Words shorter than this many characters are not counted.")
                public var minLength = 1

                public init() {}
            }

            public static let name = "\(name)"
            public static let summary = "Counts the words of each sentence."
            /// Validation checks that an earlier step provides these, and names the step that would.
            public static let requires: [LayerName] = [.sentences, .tokens]
            /// What later steps may require.
            public static let provides: [LayerName] = ["\(name)"]

            /// One entry of the `\(name)` layer. It stays this type in memory; it is Codable so it exports and
            /// crosses process boundaries, where its `Span` becomes code points.
            public struct Entry: Codable, Sendable, Equatable {
                public var sentence: Span
                public var words: Int
            }

            let options: Options

            /// Called once per run. Reject unusable option values here, naming the option.
            public init(options: Options, context: SetupContext) throws {
                guard options.minLength >= 1 else { throw SetupError("min_length must be at least 1", option: "min_length") }
                self.options = options
            }

            /// Called for every document, possibly for several at once: keep no per-document state in `self`.
            /// Throw `DocumentRejected("reason")` to leave one document out with a reason.
            public func process(_ document: inout Document) async throws {
                var entries: [Entry] = []
                for sentence in document.sentences {
                    let words = document.tokens(in: sentence).filter { token in
                        token.kind == .word && document.text(of: token.span).unicodeScalars.count >= options.minLength
                    }
                    entries.append(Entry(sentence: sentence, words: words.count))
                }
                // The runner records that this step produced the layer.
                document.setLayer(entries, for: .\(keyName))
                document.metadata.extra["\(metadataKey)"] = .int(entries.reduce(0) { $0 + $1.words })
            }
        }

        extension LayerKey where Value == [\(module).Entry] {
            /// The `\(name)` layer; a later step reads it with `try document.layer(.\(keyName))`.
            public static let \(keyName) = LayerKey("\(name)")
        }

        """
    }

    var test: String {
        """
        import Foundation
        import PipelineKit
        import Testing
        import \(module)

        /// Makes the processor as the loader would: the declared defaults, overridden by `with`.
        private func make(_ with: [String: JSONValue] = [:]) throws -> \(module) {
            let options = try \(module).Options.decode(.object(with))
            return try \(module)(options: options, context: SetupContext(stepID: "\(name)", baseDirectory: ".", pipelineFile: "test.yaml"))
        }

        /// A document with hand-made sentence and token layers (what `parse` would give).
        private func document(_ text: String) -> Document {
            var document = Document(id: "test", text: text)
            let bytes = Array(text.utf8)
            var start: Int?
            var sentenceStart = 0
            for i in 0...bytes.count {
                let byte = i < bytes.count ? bytes[i] : UInt8(ascii: " ")
                let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                if isLetter, start == nil { start = i }
                if !isLetter, let s = start {
                    document.tokens.append(Token(span: Span(start: s, end: i), kind: .word))
                    start = nil
                }
                if byte == UInt8(ascii: ".") {
                    document.tokens.append(Token(span: Span(start: i, end: i + 1), kind: .punctuation))
                    document.sentences.append(Span(start: sentenceStart, end: i + 1))
                    sentenceStart = i + 2
                }
            }
            return document
        }

        @Test func countsTheWordsOfEachSentence() async throws {
            var doc = document("One two three. Four five.")
            try await make().process(&doc)
            let entries = try #require(try doc.layer(.\(keyName)))
            #expect(entries.map(\\.words) == [3, 2])
            #expect(doc.text(of: entries[1].sentence) == "Four five.")
            #expect(doc.metadata.extra["\(metadataKey)"] == .int(5))
        }

        @Test func minLengthLeavesOutShortWords() async throws {
            var doc = document("A big cat sat. It ran.")
            try await make(["min_length": 3]).process(&doc)
            #expect(doc.metadata.extra["\(metadataKey)"] == .int(4))
        }

        @Test func zeroMinLengthIsASetupErrorNamingTheOption() {
            let error = #expect(throws: SetupError.self) { try make(["min_length": 0]) }
            #expect(error?.option == "min_length")
        }

        """
    }
}
