/// One of N stable, disjoint slices of a run's documents, chosen by a hash of the document id, so that
/// N workers given the same inputs split them without talking to each other (`pipeline run --shard I/N`).
///
/// A document belongs to shard `fnv1a64(utf8(id)) % N`, where `fnv1a64` is the 64-bit FNV-1a hash
/// (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of the id's UTF-8 bytes. It does not depend on
/// the machine, the process or the order of the inputs, so any tool can compute it (docs/scale-out.md
/// has it in Python); Swift's own `Hasher` is seeded per process and would not do.
///
/// ```swift
/// let shard = try Shard(parsing: "2/8")
/// shard.contains(id: "world/europe/a")   // the same answer on every machine
/// ```
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 0-based: shards are 0/N … (N-1)/N.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError("the shard count must be at least 1 (got \(count)); write --shard I/N, e.g. --shard 0/4") }
        guard index >= 0, index < count else {
            throw ShardError("shard \(index) does not exist in \(count) shards: shards are numbered 0 to \(count - 1), e.g. --shard 0/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Reads `I/N`, as written on the command line.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError("'\(text)' is not a shard: write I/N with whole numbers, 0 ≤ I < N (e.g. --shard 0/4 for the first of four)")
        }
        try self.init(index: index, count: count)
    }

    public func contains(id: String) -> Bool {
        Int(Self.hash(id) % UInt64(count)) == index
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    public static func hash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    public var description: String { "\(index)/\(count)" }
}

public struct ShardError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
