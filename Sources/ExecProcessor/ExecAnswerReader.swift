import PipelineKit

/// The exec protocol reader as a public entry point, for the fuzz targets (Fuzz/) and for tools that replay
/// a child's recorded output.
///
/// ```swift
/// var document = Document(id: "a", text: "Hello.")
/// let merged = ExecAnswerReader.read(answer: Array(#"{"id":"a","metadata":{"k":1}}"#.utf8), into: &document)
/// ```
public enum ExecAnswerReader {
    /// Folds one line of a child's output into `document` as `exec` would. Returns nil when the line is
    /// merged, otherwise the reason the document would be rejected or the child restarted.
    @discardableResult
    public static func read(answer line: [UInt8], into document: inout Document,
                            sentLayers: DocumentJSON.Layers = .all, provides: Set<LayerName> = LayerName.core) -> String? {
        do {
            switch try ExecMerge.apply(answer: line, to: &document, sentLayers: sentLayers, provides: provides) {
            case .merged: return nil
            case .rejected(let reason): return reason
            }
        } catch let error as ExecMerge.ProtocolError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
