import Yams

/// YAML to a tree, with libyaml's errors turned into diagnostics a user can act on.
extension LoadSession {
    /// The YAML tree, or nil with libyaml's complaint reported at its line and column.
    mutating func compose(_ text: String) -> Node? {
        let start = SourceLocation(file: file, line: 1, column: 1)
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
            // Yams marks the first occurrence; the mistake a user fixes is the repeat.
            let place = duplicates.first.flatMap { Self.repeatedKey($0, after: context.mark, in: context.text) }
            error(at: place.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? at(context.mark), "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                  hint: "each key may appear once; merge or remove one")
        case .reader(let problem, let offset, _, _):
            error(at: SourceLocation(file: file, line: 1, column: 1),
                  "cannot read the file as YAML: \(problem)" + (offset.map { " at byte \($0)" } ?? ""))
        default:
            error(at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    /// Where `key` appears again in the mapping whose first occurrence of it is at `first` (1-based):
    /// later on the same line in a flow mapping, or on a later line at the same indentation before the
    /// mapping ends. nil when it cannot be found this way.
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        /// Whether `line[at...]` is `key:` (plain or quoted key).
        func isKey(_ line: [Unicode.Scalar], at start: Int) -> Bool {
            var i = start
            let quote = i < line.count && (line[i] == "\"" || line[i] == "'") ? line[i] : nil
            if quote != nil { i += 1 }
            guard i + keyScalars.count <= line.count, Array(line[i..<i + keyScalars.count]) == keyScalars else { return false }
            i += keyScalars.count
            if let quote { guard i < line.count, line[i] == quote else { return false }; i += 1 }
            while i < line.count, line[i] == " " { i += 1 }
            return i < line.count && line[i] == ":"
        }
        // Flow style: `{a: 1, a: 2}`.
        let firstLine = lines[first.line - 1]
        var i = first.column - 1 + keyScalars.count
        while i < firstLine.count {
            if firstLine[i] == "," || firstLine[i] == "{" {
                var j = i + 1
                while j < firstLine.count, firstLine[j] == " " { j += 1 }
                if isKey(firstLine, at: j) { return (first.line, j + 1) }
            }
            i += 1
        }
        // Block style: a later line at the same indentation, before the mapping ends.
        let indent = first.column - 1
        for n in first.line..<lines.count {
            let line = lines[n]
            guard let start = line.firstIndex(where: { $0 != " " }), line[start] != "#" else { continue }
            if start < indent { return nil }
            if start == indent, isKey(line, at: start) { return (n + 1, start + 1) }
        }
        return nil
    }

    static func yamlHint(_ problem: String) -> String? {
        if problem.contains("nesting") { return "the file nests too deeply; pipeline files need a few levels" }
        if problem.contains("mapping values are not allowed") { return "a value containing ': ' needs quotes" }
        if problem.contains("did not find expected '-' indicator") { return "check the indentation of list items" }
        if problem.contains("did not find expected key") { return "check the indentation of this line" }
        return nil
    }
}
