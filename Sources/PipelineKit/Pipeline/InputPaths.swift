import Foundation
import Yams

/// `inputs:`: files, folders, globs and stdin, resolved against the pipeline file's folder.
extension LoadSession {
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
                    let formats = loader.registry.inputFormats
                    if formats.contains(value) {
                        format = value
                    } else {
                        error(f, "unknown format '\(value)'",
                              hint: Suggestion.didYouMean(value, in: formats) ?? "expected one of: \(formats.joined(separator: ", "))")
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
        if path == "-" || path.isEmpty { return path }   // "": the option's own default (e.g. the shipped model)
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: baseDirectory).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }
}
