import Foundation
import Yams

/// Reads a pipeline file, checks everything before any document is read, and reports all problems at once.
///
/// One job per file: the bytes (PipelineBytes.swift), YAML and its errors (PipelineYAML.swift), inputs'
/// paths and globs (InputPaths.swift), `settings:` (SettingsLoading.swift), steps and the layers they need
/// (StepValidation.swift), and option values (OptionCoercion.swift); this file walks the top level.
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
    /// Whether the file must name its `inputs:`; commands that bring their own documents (`eval`, `serve`,
    /// `train`) read pipelines without them.
    public var requiresInputs = true

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
        if let entry = FileIdentity(path: path), !entry.isRegularFile {
            throw PipelineFileError([Diagnostic(start, "not a regular file (\(entry.kindName))", hint: "name a .yaml file")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PipelineFileError([Diagnostic(start, "cannot read the file: \(InputReader.reason(error))", hint: "check its permissions")])
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
struct LoadSession {
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

    mutating func run(_ bytes: [UInt8]) -> Pipeline? {
        guard let text = checkedText(bytes), let root = compose(text) else { return nil }
        return pipeline(from: root)
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
        } else if loader.requiresInputs {
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
}
