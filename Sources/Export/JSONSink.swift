import Foundation
import PipelineKit

/// `format: jsonl` (one document a line) and `format: json` with `layout: array` (one JSON array).
///
/// Each document is encoded by `DocumentJSON` into one reused buffer and appended to an `AtomicFile`.
final class JSONSink: ExportSink {
    private let file: AtomicFile
    private let layers: LayerSelection
    private let array: Bool
    private var writer = DocumentJSON.Writer()
    private var count = 0

    /// Documents the output held before this run (`--resume`), already copied into the new file.
    private(set) var held = JSONLinesResume.Held()

    init(path: String, layers: LayerSelection, array: Bool, overwrite: OverwritePolicy, resume: Bool = false) throws {
        self.layers = layers
        self.array = array
        if resume {
            precondition(!array, "a JSON array is written whole and cannot be resumed")
            (file, held) = try JSONLinesResume.open(path: path, isOurs: Self.isOurLines)
        } else {
            file = try AtomicFile(path: path, overwrite: overwrite, isOurs: array ? Self.isOurArray : Self.isOurLines)
        }
        if array { try file.write("[") }
    }

    func write(_ document: Document) throws {
        writer.bytes.removeAll(keepingCapacity: true)
        if array { writer.raw(count == 0 ? "\n" : ",\n") }
        try DocumentJSON.encode(document, layers: layers.layers, annotations: layers.annotations, into: &writer)
        if !array { writer.byte(0x0A) }
        try file.write(writer.bytes)
        count += 1
    }

    func finish() throws {
        if array { try file.write(count == 0 ? "]\n" : "\n]\n") }
        try file.commit()
    }

    static let signature = Array("\"schema_version\":\"".utf8)

    /// A JSON object carrying `"schema_version":"` in its first 4 KB. We write that key first; the
    /// first version of export wrote keys sorted, which puts it after the entity layers.
    static func isOurLines(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("{\"".utf8)) && contains(head, signature)
    }

    static func isOurArray(_ head: [UInt8]) -> Bool {
        let rest = head.drop { $0 == UInt8(ascii: "[") || $0 == 0x0A || $0 == 0x20 }
        return head.first == UInt8(ascii: "[") && (rest.isEmpty || rest.first == UInt8(ascii: "]") || isOurLines(Array(rest)))
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}

/// `format: json` with `layout: files`: one `<id>.json` per document in a folder.
///
/// Each file is written under a temporary name and renamed at once, so every file present is complete.
/// Ids become file names safely: "/" keeps making subfolders, anything that could escape the folder
/// ("..", a leading ".") or that file systems reject is replaced by "_".
final class JSONFilesSink: ExportSink {
    private let folder: String
    private let layers: LayerSelection
    private let overwrite: OverwritePolicy
    private var writer = DocumentJSON.Writer()
    private var used: Set<String> = []

    init(folder: String, layers: LayerSelection, overwrite: OverwritePolicy) throws {
        self.folder = folder
        self.layers = layers
        self.overwrite = overwrite
        try OutputPaths.prepareFolder(folder, for: folder, option: "path")
    }

    func write(_ document: Document) throws {
        let base = Self.fileName(for: document.id)
        var relative = base
        var n = 2
        while used.contains(relative) {
            relative = base.dropLast(".json".count) + "~\(n).json"
            n += 1
        }
        used.insert(relative)
        let path = folder + "/" + relative
        writer.bytes.removeAll(keepingCapacity: true)
        try DocumentJSON.encode(document, layers: layers.layers, annotations: layers.annotations, into: &writer)
        writer.byte(0x0A)
        do {
            let file = try AtomicFile(path: path, overwrite: overwrite, isOurs: JSONSink.isOurLines)
            try file.write(writer.bytes)
            try file.commit()
        } catch let error as SetupError {
            throw ExportError(error.message)
        }
    }

    func finish() throws {}

    /// "world/2019/soleimani" → "world/2019/soleimani.json"; "../x" → "_/x.json".
    static func fileName(for id: String) -> String {
        let parts = id.split(separator: "/", omittingEmptySubsequences: true).map { part -> String in
            var s = String(part.map { c -> Character in
                c.isASCII && (c.asciiValue! < 0x20 || "\\:*?\"<>|".contains(c)) ? "_" : c
            })
            if s.hasPrefix(".") { s = "_" + s.dropFirst() }
            // Keep names within the usual 255-byte limit, leaving room for ".json" and a "~n" suffix.
            while s.utf8.count > 240 { s.removeLast() }
            return s.isEmpty ? "_" : s
        }
        return (parts.isEmpty ? "_" : parts.joined(separator: "/")) + ".json"
    }
}
