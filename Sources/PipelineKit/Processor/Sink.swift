/// The end of a pipeline branch: it receives finished documents in input order and writes them out.
///
/// A sink is not a processor: it changes no document. The runner calls `consume` one document at a
/// time, in input order, from one task, so a sink keeps its output state (an open file, a buffer, a
/// database transaction) in plain stored properties, with no lock. Steps before and after a sink keep
/// running concurrently on other documents; the sink sees each document as it was at its place in the
/// pipeline. `finish` is called once after the last document, also when the run was interrupted.
///
/// ```swift
/// public final class CountLines: Sink {
///     public static let name = "count-lines"
///     public static let summary = "Prints how many sentences each document has."
///     public static let requires: [LayerName] = [.sentences]
///     private var total = 0
///     public init(options: NoOptions, context: SetupContext) throws {}
///     public func consume(_ document: Document) async throws {
///         total += document.sentences.count
///         print(document.id, document.sentences.count)
///     }
///     public func finish() async throws { print("total", total) }
/// }
/// ```
///
/// Registered like a processor (`registry.register(CountLines.self)`) and used the same way in a
/// pipeline file (`- uses: count-lines`).
public protocol Sink: AnyObject, SendableMetatype {
    associatedtype Options: ProcessorOptions = NoOptions

    /// The name a pipeline file `uses:`, such as "export".
    static var name: String { get }
    /// One line for `pipeline list`.
    static var summary: String { get }
    /// Layers an earlier step must provide.
    static var requires: [LayerName] { get }

    init(options: Options, context: SetupContext) throws
    /// Receives one document, in input order, never concurrently with another call on this sink.
    /// Throw `DocumentRejected` (or any error) to report this document at this step.
    func consume(_ document: Document) async throws
    /// Called once after the last document: flush and close the output here.
    func finish() async throws
}

extension Sink {
    public static var requires: [LayerName] { [] }
    public func finish() async throws {}
}
