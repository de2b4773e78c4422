/// Checks on a pipeline file's bytes before YAML sees them, each reported at its place.
extension LoadSession {
    /// The file as text, or nil with the reason reported: too large, not UTF-8, binary, tab-indented, empty.
    mutating func checkedText(_ bytes: [UInt8]) -> String? {
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
        return text
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
}
