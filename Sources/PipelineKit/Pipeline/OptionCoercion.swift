import Foundation
import Yams

/// Option values: each YAML value checked against its declared type and converted to JSON for decoding.
extension LoadSession {
    /// A step's `with:` block (or `settings:`) checked against its declared options and completed with
    /// defaults. `owner` is the processor's name, or "settings".
    mutating func options(_ node: Node?, specs: [OptionSpec], owner: String, stepNode: Node,
                          locations: inout [String: SourceLocation]) -> JSONValue {
        var values: [String: JSONValue] = [:]
        let names = specs.map(\.name)
        let isSettings = owner == "settings"
        var given: [String: Node] = [:]
        if let node, !isNull(node) {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let name = key.scalar?.string else { error(key, "option names must be plain names"); continue }
                    if names.contains(name) {
                        given[name] = value
                        locations[name] = location(value)
                    } else if names.isEmpty {
                        error(key, "'\(owner)' takes no options", hint: "remove `with:`")
                    } else {
                        error(key, isSettings ? "unknown key '\(name)' in settings" : "unknown option '\(name)' for \(owner)",
                              hint: Suggestion.didYouMean(name, in: names)
                                  ?? "expected one of: \(names.joined(separator: ", ")); see `pipeline describe \(owner)`")
                    }
                }
            } else {
                error(node, "`with:` must be a mapping of options, not \(kind(of: node))",
                      hint: "e.g. `with: { \(names.first ?? "option"): … }`")
            }
        }
        for spec in specs {
            if let valueNode = given[spec.name] {
                if let v = convert(valueNode, to: spec.type, name: spec.name, processor: owner) { values[spec.name] = v }
            } else if let d = spec.defaultValue {
                values[spec.name] = d
            } else {
                error(stepNode, "\(owner) needs the option '\(spec.name)': \(spec.doc)",
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
        case .size:
            guard let s = node.scalar?.string else { return mismatch("a size such as 50MB") }
            guard let bytes = ByteSize.parse(s) else {
                error(node, "cannot read '\(s)' as a size for '\(name)'", hint: "write e.g. 50MB, 512KB or a number of bytes")
                return nil
            }
            return .int(bytes)
        case .oneOf(let alternatives):
            // The first alternative that reads the value, without the others' complaints.
            let before = diagnostics.count
            for alternative in alternatives {
                if let v = convert(node, to: alternative, name: name, processor: processor) {
                    diagnostics.removeSubrange(before...)
                    return v
                }
            }
            diagnostics.removeSubrange(before...)
            error(node, "option '\(name)' of \(processor) must be \(type), not \(kind(of: node))")
            return nil
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

    /// The largest whole unit: 52428800 → "50MB", 1536 → "1536B"... as `parse` reads it back.
    public static func format(_ bytes: Int) -> String {
        for (suffix, factor) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] where bytes % factor == 0 && bytes >= factor {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)"
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
