import Foundation
import PipelineKit

/// Parses a child's answer into a `JSONValue` with `JSONSerialization`.
///
/// Why not `JSONDecoder().decode(JSONValue.self, …)`: its decoder tries each JSON type in turn and pays
/// for a thrown error per miss, which made reading back a document with its token layer cost ~15 ms on the
/// BBC corpus (docs/performance.md, "## exec"); `JSONSerialization` parses the same line many times faster.
///
/// ```swift
/// let value = try FastJSON.parse(lineBytes)   // .object([...])
/// ```
enum FastJSON {
    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        return convert(object)
    }

    static func convert(_ any: Any) -> JSONValue {
        switch any {
        case let s as String:
            return .string(s)
        case let n as NSNumber:
            if ObjectIdentifier(type(of: n)) == booleanType { return .bool(n.boolValue) }
            switch UInt8(bitPattern: n.objCType.pointee) {
            case UInt8(ascii: "d"), UInt8(ascii: "f"):
                let d = n.doubleValue
                return .double(d)
            default:
                return .int(n.intValue)
            }
        case let a as [Any]:
            return .array(a.map(convert))
        case let o as [String: Any]:
            return .object(o.mapValues(convert))
        default:
            return .null
        }
    }
}
