import Foundation
import PipelineKit

/// `export`: writes documents with their annotations as JSON Lines, JSON, CSV, SQLite or an HTML report.
///
/// Every file output is written under a hidden temporary name and renamed into place when the run
/// finishes, so an interrupted run never leaves a truncated file; SQLite is written in transactions
/// of `batch_size` documents. Path problems are reported at setup, before any document is read.
/// Several `export` steps may follow each other; each is its own instance with its own output.
/// It is a `Sink`: the runner hands it documents one at a time in input order, so it writes without a lock.
///
/// ```yaml
/// steps:
///   - uses: parse
///   - uses: export
///     with: { format: jsonl, path: out/articles.jsonl }
///   - uses: export
///     with: { format: sqlite, path: out/articles.db }
/// ```
public final class Export: Sink {
    public struct Options: ProcessorOptions {
        public enum Format: String, OptionChoice { case jsonl, json, csv, sqlite, html }
        public enum Layout: String, OptionChoice { case array, files }
        /// An optional part of the JSON form; `all` is every one.
        public enum Layer: String, OptionChoice { case paragraphs, sentences, tokens, entities, quotes, custom, all }

        @Option("Output format: jsonl (one document a line), json, csv (a folder of three files), sqlite (a database), html (a report page).")
        public var format: Format = .jsonl
        @Option(path: "Where to write: a file for jsonl, json, sqlite and html (\"-\" is stdout for jsonl and json); a folder for csv and for json with layout: files.")
        public var path = "-"
        @Option("Optional layers in jsonl/json output (id, text, source and metadata are always written). Tokens are left out by default because they are large; add tokens, or write [all].")
        public var layers: [Layer] = [.paragraphs, .sentences, .entities, .quotes, .custom]
        @Option("json only: array writes one JSON array to path; files writes one <id>.json per document into the folder path.")
        public var layout: Layout = .array
        @Option("When the output exists: ours replaces it only if an export wrote it (else setup stops), always replaces it, never stops at setup. SQLite databases are updated in place: each document's rows are replaced.")
        public var overwrite: OverwritePolicy = .ours
        @Option("sqlite only: documents per transaction.")
        public var batchSize = 500
        @Option("html only: documents shown in full (0 = all); the summary tables always count every document.")
        public var maxDocuments = 200
        @Option("html only: the page title.")
        public var title = "Document pipeline report"

        public init() {}
    }

    public static let name = "export"
    public static let summary = "Writes documents with their annotations as JSON Lines, JSON, CSV, SQLite or an HTML report."
    public static let requires: [LayerName] = [.text]

    private let output: any ExportSink

    public init(options: Options, context: SetupContext) throws {
        let overwrite = options.overwrite
        let layers = LayerSelection(options.layers)
        if options.path == "-" && ![.jsonl, .json].contains(options.format) {
            throw SetupError("format \(options.format.rawValue) cannot write to stdout; give a \(options.format == .csv ? "folder" : "file") as path", option: "path")
        }
        switch options.format {
        case .jsonl:
            output = try JSONSink(path: options.path, layers: layers, array: false, overwrite: overwrite)
        case .json where options.layout == .files:
            guard options.path != "-" else {
                throw SetupError("layout: files writes one file per document and needs a folder as path, not stdout", option: "path")
            }
            output = try JSONFilesSink(folder: options.path, layers: layers, overwrite: overwrite)
        case .json:
            output = try JSONSink(path: options.path, layers: layers, array: true, overwrite: overwrite)
        case .csv:
            output = try CSVSink(folder: options.path, overwrite: overwrite)
        case .sqlite:
            guard options.batchSize >= 1 else { throw SetupError("batch_size must be at least 1", option: "batch_size") }
            output = try SQLiteSink(path: options.path, batchSize: options.batchSize, overwrite: overwrite)
        case .html:
            guard options.maxDocuments >= 0 else { throw SetupError("max_documents must be 0 (all) or more", option: "max_documents") }
            output = try HTMLReportSink(path: options.path, title: options.title, maxDocuments: options.maxDocuments,
                                        overwrite: overwrite)
        }
    }

    public func consume(_ document: Document) async throws {
        try output.write(document)
    }

    public func finish() async throws {
        try output.finish()
    }
}

/// The `layers:` option: which optional parts of the JSON form a jsonl/json export writes.
struct LayerSelection: Sendable {
    var layers: DocumentJSON.Layers = []
    var annotations: DocumentJSON.Annotations = []

    init(_ names: [Export.Options.Layer]) {
        for name in names {
            switch name {
            case .paragraphs: layers.insert(.paragraphs)
            case .sentences: layers.insert(.sentences)
            case .tokens: layers.insert(.tokens)
            case .entities: annotations.insert(.entities)
            case .quotes: annotations.insert(.quotes)
            case .custom: annotations.insert(.custom)
            case .all: layers = .all; annotations = .all
            }
        }
    }
}

/// One output format. `Export` calls `write` once per document in input order, then `finish` once.
protocol ExportSink: AnyObject {
    func write(_ document: Document) throws
    /// Completes the output: the last flush, then the rename into place or the last transaction.
    func finish() throws
}
