/// Which of the inputs' documents a run processes: those of one shard (`pipeline run --shard I/N`), less
/// those its outputs already hold (`--resume`). Documents left out this way are counted in the run
/// report, not processed.
///
/// ```swift
/// let runner = try Runner(pipeline: pipeline, selection: RunSelection(shard: try Shard(parsing: "1/4"), resume: true))
/// ```
public struct RunSelection: Sendable {
    public var shard: Shard?
    /// Continue the outputs of an earlier run: every output must be a `ResumableOutput`.
    public var resume: Bool

    public init(shard: Shard? = nil, resume: Bool = false) {
        self.shard = shard
        self.resume = resume
    }
}

/// A sink that can continue an earlier run's output (`pipeline run --resume`): set up with
/// `SetupContext.resume`, it keeps what the output holds and names those documents, and the runner skips
/// the documents every such output holds. A sink that cannot continue its output throws a `SetupError`
/// when `resume` is set.
public protocol ResumableOutput: AnyObject {
    /// Ids of the documents the output held when the run started.
    var heldDocumentIDs: Set<String> { get }
}

/// Decides, once a document's id is final, whether this run leaves it out.
struct DocumentFilter: Sendable {
    enum Exclusion: Sendable {
        case otherShard
        case alreadyInOutput
    }

    let shard: Shard?
    let held: Set<String>

    func exclusion(of id: String) -> Exclusion? {
        if let shard, !shard.contains(id: id) { return .otherShard }
        if held.contains(id) { return .alreadyInOutput }
        return nil
    }
}
