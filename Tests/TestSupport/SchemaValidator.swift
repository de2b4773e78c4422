import Foundation
import PipelineKit

/// A JSON Schema validator for the keywords docs/output.schema.json uses, so the schema is checked in
/// Swift even where python3's jsonschema is missing. An unknown keyword is reported as a problem rather
/// than ignored, so the schema cannot silently outgrow this validator. `$ref`s resolve in `root`, so a
/// schema inside a larger document (OpenAPI's components) validates as well: pass `schema:`.
public struct SchemaValidator {
    public let root: JSONValue

    public init(root: JSONValue) { self.root = root }
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    static let supported: Set<String> = ["type", "required", "properties", "additionalProperties", "items", "enum",
                                         "minimum", "pattern", "$ref", "anyOf"]

    /// Every problem as "path: message"; empty when the value conforms to `schema` (default: the root).
    public func problems(_ value: JSONValue, schema: JSONValue? = nil) -> [String] {
        var out: [String] = []
        check(value, schema ?? root, "$", &out)
        return out
    }

    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private func check(_ v: JSONValue, _ schema: JSONValue, _ path: String, _ out: inout [String]) {
        guard let s = schema.objectValue else {
            if schema == .bool(false) { out.append("\(path): not allowed") }
            return
        }
        for key in s.keys where !Self.supported.contains(key) && !Self.annotations.contains(key) {
            out.append("\(path): schema keyword '\(key)' is not supported by SchemaValidator")
        }
        if let ref = s["$ref"]?.stringValue {
            guard let target = resolve(ref) else { out.append("\(path): cannot resolve \(ref)"); return }
            check(v, target, path, &out)
        }
        if let type = s["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            let actual = typeName(v)
            if !(allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))) {
                out.append("\(path): expected \(allowed.joined(separator: " or ")), found \(actual)")
                return
            }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(v) {
            out.append("\(path): \(v.displayString) is not one of \(options.map(\.displayString))")
        }
        if let minimum = s["minimum"]?.doubleValue, let n = v.doubleValue, n < minimum {
            out.append("\(path): \(n) is below the minimum \(minimum)")
        }
        if let pattern = s["pattern"]?.stringValue, let string = v.stringValue {
            let regex = try! NSRegularExpression(pattern: pattern)
            if regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) == nil {
                out.append("\(path): '\(string)' does not match \(pattern)")
            }
        }
        if let branches = s["anyOf"]?.arrayValue {
            if !branches.contains(where: { branch in var o: [String] = []; check(v, branch, path, &o); return o.isEmpty }) {
                out.append("\(path): matches none of the anyOf branches")
            }
        }
        if let items = s["items"], let array = v.arrayValue {
            for (i, e) in array.enumerated() { check(e, items, "\(path)[\(i)]", &out) }
        }
        if let object = v.objectValue {
            let properties = s["properties"]?.objectValue ?? [:]
            for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                out.append("\(path): missing required '\(name)'")
            }
            for (key, value) in object {
                if let p = properties[key] {
                    check(value, p, "\(path).\(key)", &out)
                } else if let extra = s["additionalProperties"] {
                    check(value, extra, "\(path).\(key)", &out)
                }
            }
        }
    }
}
