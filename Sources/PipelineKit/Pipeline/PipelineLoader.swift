import Foundation
import Yams

/// Reads a pipeline file, checks everything before any document is read, and reports all problems at once.
///
/// ```swift
/// let loader = PipelineLoader(registry: registry)
/// do {
///     let pipeline = try loader.load(path: "pipelines/news.yaml")
/// } catch let error as PipelineFileError {
///     for diagnostic in error.diagnostics { print(diagnostic) }   // news.yaml:7:15: error: …
/// }
/// ```
public struct PipelineLoader: Sendable {
    public var registry: ProcessorRegistry
    /// For `${VAR}`; the process environment by default.
    public var environment: [String: String]
    /// Cap on YAML nodes after alias expansion, so an alias bomb is refused at once.
    public var maxNodes: Int
    public var maxFileBytes: Int

    public init(registry: ProcessorRegistry, environment: [String: String] = ProcessInfo.processInfo.environment,
                maxNodes: Int = 100_000, maxFileBytes: Int = 1 << 20) {
        self.registry = registry
        self.environment = environment
        self.maxNodes = maxNodes
        self.maxFileBytes = maxFileBytes
    }

    public static let topLevelKeys = ["name", "description", "inputs", "steps", "settings"]
    public static let inputKeys = ["path", "format"]
    public static let stepKeys = ["uses", "with", "id"]
    public static let settingsKeys = ["jobs", "on_error", "max_document_size", "oversize", "step_timeout"]

    public func load(path: String) throws(PipelineFileError) -> Pipeline {
        let url = URL(fileURLWithPath: path)
        let start = SourceLocation(file: path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PipelineFileError([Diagnostic(start, "no such file", hint: "check the path; pipelines/ holds the shipped pipelines")])
        }
        guard !isDirectory.boolValue else {
            throw PipelineFileError([Diagnostic(start, "is a folder, not a pipeline file", hint: "name a .yaml file")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineFileError([Diagnostic(start, "cannot read the file", hint: "check its permissions")])
        }
        return try load(bytes: [UInt8](data), file: path,
                        baseDirectory: url.standardizedFileURL.deletingLastPathComponent().path)
    }

    public func load(yaml: String, file: String = "<string>", baseDirectory: String) throws(PipelineFileError) -> Pipeline {
        try load(bytes: Array(yaml.utf8), file: file, baseDirectory: baseDirectory)
    }

    public func load(bytes: [UInt8], file: String, baseDirectory: String) throws(PipelineFileError) -> Pipeline {
        var session = LoadSession(loader: self, file: file, baseDirectory: baseDirectory)
        let pipeline = session.run(bytes)
        if !session.diagnostics.isEmpty || pipeline == nil {
            throw PipelineFileError(session.diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        return pipeline!
    }
}

/// One load of one file: collects diagnostics as it goes.
private struct LoadSession {
    let loader: PipelineLoader
    let file: String
    let baseDirectory: String
    var diagnostics: [Diagnostic] = []

    init(loader: PipelineLoader, file: String, baseDirectory: String) {
        self.loader = loader
        self.file = file
        self.baseDirectory = baseDirectory
    }

    func location(_ node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func error(_ node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(location(node), message, hint: hint))
    }

    mutating func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(location, message, hint: hint))
    }

    // MARK: - Bytes to a YAML tree

    mutating func run(_ bytes: [UInt8]) -> Pipeline? {
        guard let root = compose(bytes) else { return nil }
        return pipeline(from: root)
    }

    mutating func compose(_ bytes: [UInt8]) -> Node? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if bytes.count > loader.maxFileBytes {
            error(at: start, "the file is \(bytes.count) bytes; pipeline files are limited to \(loader.maxFileBytes)",
                  hint: "is this the right file?")
            return nil
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            error(at: start, "not a text file (invalid UTF-8)", hint: "a pipeline file is YAML text in UTF-8")
            return nil
        }
        if let binary = firstControlCharacter(in: text) {
            error(at: binary, "not a text file (a control character stands here)",
                  hint: "a pipeline file is YAML text in UTF-8")
            return nil
        }
        let tabs = tabIndentations(in: text)
        if !tabs.isEmpty {
            for tab in tabs { error(at: tab, "tab used for indentation", hint: "YAML indents with spaces; replace the tab") }
            return nil
        }
        if text.allSatisfy(\.isWhitespace) {
            error(at: start, "the file is empty", hint: "a pipeline needs at least `inputs:` and `steps:`; see docs/pipeline-yaml.md")
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let yamlError as YamlError {
            reportYAMLError(yamlError)
            return nil
        } catch {
            self.error(at: start, "cannot read YAML: \(error)")
            return nil
        }
        guard let node else {
            error(at: start, "the file holds no YAML document", hint: "a pipeline needs at least `inputs:` and `steps:`")
            return nil
        }
        var budget = loader.maxNodes
        if !Self.fitsBudget(node, &budget) {
            error(node, "the YAML expands to more than \(loader.maxNodes) nodes (anchors and aliases repeated)",
                  hint: "pipeline files do not need aliases at this scale; write the steps out")
            return nil
        }
        return node
    }

    func firstControlCharacter(in text: String) -> SourceLocation? {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; column = 1; continue }
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\r" || scalar.value == 0x7F {
                return SourceLocation(file: file, line: line, column: column)
            }
            column += 1
        }
        return nil
    }

    func tabIndentations(in text: String) -> [SourceLocation] {
        var result: [SourceLocation] = []
        var line = 1
        var atLineStart = true
        var column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1; column = 1; atLineStart = true; continue
            }
            if atLineStart {
                if scalar == "\t" {
                    result.append(SourceLocation(file: file, line: line, column: column))
                    atLineStart = false
                } else if scalar != " " {
                    atLineStart = false
                }
            }
            column += 1
        }
        return result
    }

    /// Counts nodes as a full walk would visit them (aliases expanded), stopping once over budget.
    static func fitsBudget(_ root: Node, _ budget: inout Int) -> Bool {
        var stack = [root]
        while let node = stack.popLast() {
            budget -= 1
            if budget < 0 { return false }
            switch node {
            case .mapping(let m):
                for (k, v) in m { stack.append(k); stack.append(v) }
            case .sequence(let s):
                stack.append(contentsOf: s)
            default:
                break
            }
        }
        return true
    }

    mutating func reportYAMLError(_ yamlError: YamlError) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let message = context.map { "\($0.text): \(problem)" } ?? problem
            error(at: at(mark), "invalid YAML: \(message)", hint: Self.yamlHint(problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            error(at: at(context.mark), "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                  hint: "each key may appear once; merge or remove one")
        case .reader(let problem, let offset, _, _):
            error(at: SourceLocation(file: file, line: 1, column: 1),
                  "cannot read the file as YAML: \(problem)" + (offset.map { " at byte \($0)" } ?? ""))
        default:
            error(at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    static func yamlHint(_ problem: String) -> String? {
        if problem.contains("nesting") { return "the file nests too deeply; pipeline files need a few levels" }
        if problem.contains("mapping values are not allowed") { return "a value containing ': ' needs quotes" }
        if problem.contains("did not find expected '-' indicator") { return "check the indentation of list items" }
        if problem.contains("did not find expected key") { return "check the indentation of this line" }
        return nil
    }

    // MARK: - The tree to a pipeline

    mutating func pipeline(from root: Node) -> Pipeline? {
        guard let top = root.mapping else {
            error(root, "a pipeline file must be a mapping with `inputs:` and `steps:`, not \(kind(of: root))",
                  hint: "see docs/pipeline-yaml.md")
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, value) in top {
            guard let name = key.scalar?.string else { error(key, "keys must be plain names"); continue }
            if PipelineLoader.topLevelKeys.contains(name) {
                fields[name] = value
            } else {
                error(key, "unknown key '\(name)'",
                      hint: Suggestion.didYouMean(name, in: PipelineLoader.topLevelKeys) ?? "expected one of: \(PipelineLoader.topLevelKeys.joined(separator: ", "))")
            }
        }
        let name = fields["name"].flatMap { string($0, "name") }
        if let description = fields["description"] { _ = string(description, "description") }
        let settings = fields["settings"].map { self.settings($0) } ?? PipelineSettings()

        var inputs: [InputSpec] = []
        if let node = fields["inputs"] {
            inputs = self.inputs(node)
        } else {
            error(root, "missing `inputs:`", hint: "add e.g. `inputs: [{path: articles/}]`, or `- path: \"-\"` for stdin")
        }
        var steps: [StepConfig] = []
        if let node = fields["steps"] {
            steps = self.steps(node, jobs: settings.jobs)
        } else {
            error(root, "missing `steps:`", hint: "add e.g. `steps: [{uses: parse}, {uses: export}]`")
        }
        return Pipeline(name: name, file: file, baseDirectory: baseDirectory, inputs: inputs, steps: steps, settings: settings)
    }

    /// "a mapping", "a list", "the value 'x'", for "must be …, not …" messages.
    func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s): isNull(node) ? "an empty value" : "the value '\(s.string.prefix(40))'"
        case .alias: "an alias"
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A scalar as a string, with `${VAR}` replaced.
    mutating func string(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar, !isNull(node) else {
            error(node, "`\(what)` must be a string, not \(kind(of: node))")
            return nil
        }
        return substitute(scalar.string, node)
    }

    mutating func substitute(_ value: String, _ node: Node) -> String? {
        guard value.contains("${") else { return value }
        var result = ""
        var rest = Substring(value)
        var ok = true
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                error(node, "unclosed `${` in '\(value)'", hint: "write ${NAME}")
                return nil
            }
            let name = String(rest[open.upperBound..<close])
            if let v = loader.environment[name] {
                result += v
            } else {
                error(node, "environment variable \(name) is not set", hint: "export \(name)=… before running, or write the value in the file")
                ok = false
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return ok ? result : nil
    }

    mutating func items(_ node: Node, _ what: String, example: String) -> [Node] {
        if isNull(node) { error(node, "`\(what)` is empty", hint: "add at least one entry, e.g. \(example)"); return [] }
        guard let sequence = node.sequence else {
            error(node, "`\(what)` must be a list, not \(kind(of: node))", hint: "write each entry on a line starting with '- ', e.g. \(example)")
            return []
        }
        if sequence.isEmpty { error(node, "`\(what)` is empty", hint: "add at least one entry, e.g. \(example)") }
        return Array(sequence)
    }

    /// Checks a mapping's keys against the allowed ones; returns the fields by name.
    mutating func fields(_ node: Node, allowed: [String], in what: String) -> [String: Node]? {
        guard let mapping = node.mapping else { return nil }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { error(key, "keys must be plain names"); continue }
            if allowed.contains(name) {
                fields[name] = value
            } else {
                error(key, "unknown key '\(name)' in \(what)",
                      hint: Suggestion.didYouMean(name, in: allowed) ?? "expected one of: \(allowed.joined(separator: ", "))")
            }
        }
        return fields
    }

    // MARK: inputs

    mutating func inputs(_ node: Node) -> [InputSpec] {
        var result: [InputSpec] = []
        for item in items(node, "inputs", example: "`- path: articles/`") {
            var pathNode = item
            var format = "auto"
            if item.mapping != nil {
                guard let fields = fields(item, allowed: PipelineLoader.inputKeys, in: "an input") else { continue }
                guard let p = fields["path"] else {
                    error(item, "an input needs `path:`", hint: "a file, a folder, a glob such as articles/*.txt, or \"-\" for stdin")
                    continue
                }
                pathNode = p
                if let f = fields["format"], let value = string(f, "format") {
                    if InputSpec.formats.contains(value) {
                        format = value
                    } else {
                        error(f, "unknown format '\(value)'",
                              hint: Suggestion.didYouMean(value, in: InputSpec.formats) ?? "expected one of: \(InputSpec.formats.joined(separator: ", "))")
                    }
                }
            }
            guard let path = string(pathNode, "path") else { continue }
            if let spec = resolveInput(path, pathNode, format: format) { result.append(spec) }
        }
        return result
    }

    mutating func resolveInput(_ path: String, _ node: Node, format: String) -> InputSpec? {
        let at = location(node)
        if path == "-" { return InputSpec(path: "-", kind: .stdin, format: format, location: at) }
        let absolute = resolvePath(path)
        if path.contains(where: { "*?[".contains($0) }) {
            if InputReader.expandGlob(absolute).isEmpty {
                error(node, "no file matches '\(path)'", hint: "check the pattern; it is relative to \(baseDirectory)")
                return nil
            }
            return InputSpec(path: absolute, kind: .glob, format: format, location: at)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            error(node, "input '\(path)' does not exist", hint: "paths are relative to the pipeline file's folder (\(baseDirectory))")
            return nil
        }
        return InputSpec(path: absolute, kind: isDirectory.boolValue ? .folder : .file, format: format, location: at)
    }

    func resolvePath(_ path: String) -> String {
        if path == "-" { return path }
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: baseDirectory).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }

    // MARK: settings

    mutating func settings(_ node: Node) -> PipelineSettings {
        var settings = PipelineSettings()
        if isNull(node) { return settings }
        guard let fields = fields(node, allowed: PipelineLoader.settingsKeys, in: "settings") else {
            error(node, "`settings` must be a mapping, not \(kind(of: node))", hint: "e.g. `settings: {jobs: auto, on_error: skip}`")
            return settings
        }
        if let jobs = fields["jobs"], let value = string(jobs, "jobs") {
            if value == "auto" {
                settings.jobs = PipelineSettings.coreCount
            } else if let n = Int(value), n >= 1, n <= 1024 {
                settings.jobs = n
            } else {
                error(jobs, "`jobs` must be `auto` or a whole number from 1 to 1024, not '\(value)'")
            }
        }
        if let policy = fields["on_error"], let value = string(policy, "on_error") {
            if let p = PipelineSettings.ErrorPolicy(rawValue: value) {
                settings.onError = p
            } else {
                error(policy, "unknown on_error policy '\(value)'",
                      hint: Suggestion.didYouMean(value, in: ["skip", "fail"]) ?? "expected skip or fail")
            }
        }
        if let size = fields["max_document_size"], let value = string(size, "max_document_size") {
            if let bytes = ByteSize.parse(value) {
                settings.maxDocumentBytes = bytes
            } else {
                error(size, "cannot read '\(value)' as a size", hint: "write e.g. 50MB, 512KB or a number of bytes")
            }
        }
        if let oversize = fields["oversize"], let value = string(oversize, "oversize") {
            if let o = PipelineSettings.Oversize(rawValue: value) {
                settings.oversize = o
            } else {
                error(oversize, "unknown oversize policy '\(value)'",
                      hint: Suggestion.didYouMean(value, in: ["skip", "truncate"]) ?? "expected skip or truncate")
            }
        }
        if let timeout = fields["step_timeout"], let value = string(timeout, "step_timeout") {
            if value == "none" {
                settings.stepTimeout = nil
            } else if let seconds = Duration.parseSeconds(value), seconds > 0 {
                settings.stepTimeout = seconds
            } else {
                error(timeout, "cannot read '\(value)' as a duration", hint: "write e.g. 30s, 2m, or none")
            }
        }
        return settings
    }

    // MARK: steps

    mutating func steps(_ node: Node, jobs: Int) -> [StepConfig] {
        var result: [StepConfig] = []
        var available: Set<LayerName> = []
        var seenIDs: [String: Int] = [:]
        // After an unknown processor, which layers exist is unknown: report no missing layers then.
        var layersKnown = true
        for item in items(node, "steps", example: "`- uses: parse`") {
            guard item.mapping != nil else {
                error(item, "a step must be a mapping such as `- uses: parse`, not \(kind(of: item))")
                continue
            }
            guard let fields = fields(item, allowed: PipelineLoader.stepKeys, in: "a step") else { continue }
            guard let usesNode = fields["uses"] else {
                layersKnown = false
                error(item, "a step needs `uses:` naming its processor",
                      hint: "one of: \(loader.registry.all.map(\.name).joined(separator: ", "))")
                continue
            }
            guard let uses = string(usesNode, "uses") else { continue }
            guard let descriptor = loader.registry[uses] else {
                error(usesNode, "unknown processor '\(uses)'",
                      hint: Suggestion.didYouMean(uses, in: loader.registry.all.map(\.name))
                          ?? "`pipeline list` shows the processors: \(loader.registry.all.map(\.name).joined(separator: ", "))")
                layersKnown = false
                continue
            }
            var id = uses
            if let idNode = fields["id"], let given = string(idNode, "id") { id = given }
            seenIDs[id, default: 0] += 1
            if seenIDs[id]! > 1 {
                if fields["id"] != nil { error(fields["id"], "step id '\(id)' is used twice", hint: "give each step its own id") }
                id += "#\(seenIDs[id]!)"
            }

            var locations: [String: SourceLocation] = [:]
            let options = self.options(fields["with"], for: descriptor, stepNode: usesNode, locations: &locations)
            let layers = descriptor.layers(options: options)
            let missing = layersKnown ? layers.requires.filter { !available.contains($0) } : []
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).joined(separator: ", ")
                let providers = Set(missing.flatMap { loader.registry.providers(of: $0) }).sorted()
                error(usesNode, "step '\(id)' needs \(names), which no earlier step provides",
                      hint: providers.isEmpty ? nil : "add `- uses: \(providers[0])` before it")
            }
            for layer in layers.provides {
                available.insert(layer)
            }

            result.append(StepConfig(id: id, uses: uses, options: options, location: location(usesNode),
                                     optionLocations: locations, descriptor: descriptor))
        }
        return result
    }

    mutating func options(_ node: Node?, for descriptor: ProcessorDescriptor, stepNode: Node,
                          locations: inout [String: SourceLocation]) -> JSONValue {
        var values: [String: JSONValue] = [:]
        let names = descriptor.options.map(\.name)
        var given: [String: Node] = [:]
        if let node, !isNull(node) {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let name = key.scalar?.string else { error(key, "option names must be plain names"); continue }
                    if names.contains(name) {
                        given[name] = value
                        locations[name] = location(value)
                    } else if names.isEmpty {
                        error(key, "'\(descriptor.name)' takes no options", hint: "remove `with:`")
                    } else {
                        error(key, "unknown option '\(name)' for \(descriptor.name)",
                              hint: Suggestion.didYouMean(name, in: names)
                                  ?? "its options are: \(names.joined(separator: ", ")); see `pipeline describe \(descriptor.name)`")
                    }
                }
            } else {
                error(node, "`with:` must be a mapping of options, not \(kind(of: node))",
                      hint: "e.g. `with: { \(names.first ?? "option"): … }`")
            }
        }
        for spec in descriptor.options {
            if let valueNode = given[spec.name] {
                if let v = convert(valueNode, to: spec.type, name: spec.name, processor: descriptor.name) { values[spec.name] = v }
            } else if let d = spec.defaultValue {
                values[spec.name] = d
            } else {
                error(stepNode, "\(descriptor.name) needs the option '\(spec.name)': \(spec.doc)",
                      hint: "add it under `with:`")
            }
        }
        return .object(values)
    }

    mutating func convert(_ node: Node, to type: OptionType, name: String, processor: String) -> JSONValue? {
        func mismatch(_ expected: String) -> JSONValue? {
            error(node, "option '\(name)' of \(processor) must be \(expected), not \(kind(of: node))")
            return nil
        }
        switch type {
        case .string:
            guard node.scalar != nil else { return mismatch("a string") }
            return substitute(node.scalar!.string, node).map(JSONValue.string)
        case .integer:
            guard let s = node.scalar?.string, let i = Int(s.replacingOccurrences(of: "_", with: "")) else { return mismatch("a whole number") }
            return .int(i)
        case .number:
            guard let s = node.scalar?.string, let d = Double(s), d.isFinite else { return mismatch("a number") }
            return .double(d)
        case .boolean:
            switch node.scalar?.string.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: return mismatch("true or false")
            }
        case .path:
            guard let s = node.scalar?.string, !isNull(node) else { return mismatch("a path") }
            return substitute(s, node).map { .string(resolvePath($0)) }
        case .duration:
            guard let s = node.scalar?.string else { return mismatch("a duration such as 5s") }
            guard let seconds = Duration.parseSeconds(s) else {
                error(node, "cannot read '\(s)' as a duration for '\(name)'", hint: "write e.g. 500ms, 5s, 2m or 1h")
                return nil
            }
            return .double(seconds)
        case .choice(let allowed):
            guard let s = node.scalar?.string else { return mismatch("one of \(allowed.joined(separator: ", "))") }
            guard allowed.contains(s) else {
                error(node, "'\(s)' is not a valid value for '\(name)' of \(processor)",
                      hint: Suggestion.didYouMean(s, in: allowed) ?? "expected one of: \(allowed.joined(separator: ", "))")
                return nil
            }
            return .string(s)
        case .list(let element):
            guard let sequence = node.sequence else { return mismatch("a list, e.g. [a, b]") }
            var out: [JSONValue] = []
            for item in sequence {
                if let v = convert(item, to: element, name: name, processor: processor) { out.append(v) }
            }
            return .array(out)
        case .map(let valueType):
            guard let mapping = node.mapping else { return mismatch("a mapping") }
            var out: [String: JSONValue] = [:]
            for (k, v) in mapping {
                guard let key = k.scalar?.string else { error(k, "keys must be plain names"); continue }
                if let value = convert(v, to: valueType, name: "\(name).\(key)", processor: processor) { out[key] = value }
            }
            return .object(out)
        case .any:
            return json(node)
        }
    }

    mutating func json(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let m):
            var out: [String: JSONValue] = [:]
            for (k, v) in m { out[k.scalar?.string ?? "?"] = json(v) }
            return .object(out)
        case .sequence(let s):
            return .array(s.map { json($0) })
        case .scalar(let s):
            if isNull(node) { return .null }
            if s.style == .plain {
                if let i = Int(s.string) { return .int(i) }
                if let d = Double(s.string) { return .double(d) }
                if s.string == "true" { return .bool(true) }
                if s.string == "false" { return .bool(false) }
            }
            return .string(substitute(s.string, node) ?? s.string)
        case .alias:
            return .null
        }
    }
}

/// Sizes such as "50MB".
public enum ByteSize {
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0 else { return nil }
            return Int(n * Double(factor))
        }
        return Int(t).flatMap { $0 > 0 ? $0 : nil }
    }
}

extension Duration {
    /// "500ms", "5s", "2m", "1h" or a plain number of seconds.
    public static func parseSeconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count)), n >= 0, n.isFinite else { return nil }
            return n * factor
        }
        return Double(t).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    }
}
