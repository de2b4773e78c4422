import Foundation
import PipelineKit

/// The trained name recognizer: a weight per (feature, tag), decoded a sentence at a time by
/// `ViterbiDecoder` under BILOU constraints. Read once per run from a model folder (`model.bin`, see
/// Model/README.md for the format).
///
/// ```swift
/// let model = try EntityModel(folder: URL(fileURLWithPath: "my-model"))
/// let tags = model.tag(TokenFeatures(view: view, rules: spans))   // one tag per token
/// ```
final class EntityModel: TagScorer, @unchecked Sendable {   // read-only after init
    let tags: BILOUTags
    private let index: HashTable64<Int32>
    private let weights: UnsafeMutableBufferPointer<Float>
    /// The "previous tag" feature's weights, row per previous tag, looked up once here rather than per token.
    private let transitions: UnsafeMutableBufferPointer<Float>

    static let magic = Array("PIPENER2".utf8)
    /// Models of the greedy decoder, before 2026-12-01: their features differ, so they are refused.
    static let greedyMagic = Array("PIPENER1".utf8)
    static let fileName = "model.bin"

    /// The model shipped in the module (Model/entities/), trained on ../shared/train/ner as docs/processors/extract-entities.md says.
    static let shipped: Result<EntityModel, ModelError> = {
        Result { () throws(ModelError) in
            let folder: URL
            do throws(SetupError) {
                folder = try Lexicons.moduleResources.folder("entities", source: "Model/entities")
            } catch {
                throw ModelError(error.message)
            }
            return try EntityModel(folder: folder)
        }
    }()

    init(tags: BILOUTags, rows: [(hash: UInt64, weights: [Float])]) {
        self.tags = tags
        var index = HashTable64<Int32>(capacity: rows.count)
        let t = tags.count
        weights = .allocate(capacity: max(1, rows.count * t))
        weights.initialize(repeating: 0)
        for (r, row) in rows.enumerated() {
            index[row.hash] = Int32(r)
            for k in 0..<t { weights[r * t + k] = row.weights[k] }
        }
        self.index = index
        transitions = .allocate(capacity: t * t)
        transitions.initialize(repeating: 0)
        for p in 0..<t {
            guard let r = index[TokenFeatures.mix(.prevTag, UInt64(p))] else { continue }
            for k in 0..<t { transitions[p * t + k] = weights[Int(r) * t + k] }
        }
    }

    deinit {
        weights.deallocate()
        transitions.deallocate()
    }

    convenience init(folder: URL) throws(ModelError) {
        let url = folder.appendingPathComponent(Self.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ModelError("\(folder.path): no \(Self.fileName) in it; make a model with `pipeline train entities --data FILE.jsonl --out \(folder.path)`")
        }
        let (tags, rows) = try Self.decode([UInt8](data), file: url.path)
        self.init(tags: tags, rows: rows)
    }

    /// The best tag of each token (`ViterbiDecoder`, a sentence at a time).
    func tag(_ features: TokenFeatures) -> [Int] {
        var decoder = ViterbiDecoder(tags: tags)
        return decoder.tag(features, scorer: self)
    }

    @inline(__always) func add(_ hash: UInt64, to scores: UnsafeMutablePointer<Float>) {
        guard let r = index[hash] else { return }
        let t = tags.count, row = weights.baseAddress! + Int(r) * t
        for k in 0..<t { scores[k] += row[k] }
    }

    @inline(__always) func addTransition(from previous: Int, to scores: UnsafeMutablePointer<Float>) {
        let t = tags.count, row = transitions.baseAddress! + previous * t
        for k in 0..<t { scores[k] += row[k] }
    }

    // MARK: file format

    /// `PIPENER2`, label count (UInt8) and labels (length-prefixed UTF-8), the weight scale (Float32), the
    /// feature count (UInt32), then per feature in hash order: hash (UInt64), count of non-zero weights (UInt8),
    /// and that many (tag UInt8, weight Int16 × scale). Little-endian.
    static func encode(tags: BILOUTags, rows: [(hash: UInt64, weights: [Float])]) -> [UInt8] {
        var out = magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        out.append(UInt8(tags.labels.count))
        for l in tags.labels { out.append(UInt8(l.utf8.count)); out += Array(l.utf8) }
        let largest = rows.reduce(Float(0)) { m, r in r.weights.reduce(m) { max($0, abs($1)) } }
        let scale = largest > 0 ? largest / 32767 : 1
        u32(scale.bitPattern)
        let kept = rows.sorted { $0.hash < $1.hash }
        u32(UInt32(kept.count))
        for row in kept {
            withUnsafeBytes(of: row.hash.littleEndian) { out += $0 }
            let nonzero = row.weights.enumerated().compactMap { t, w -> (Int, Int16)? in
                let q = Int16((w / scale).rounded())
                return q == 0 ? nil : (t, q)
            }
            out.append(UInt8(nonzero.count))
            for (t, q) in nonzero {
                out.append(UInt8(t))
                withUnsafeBytes(of: q.littleEndian) { out += $0 }
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8], file: String) throws(ModelError) -> (BILOUTags, [(hash: UInt64, weights: [Float])]) {
        var p = 0
        func need(_ n: Int) throws(ModelError) {
            if p + n > bytes.count { throw ModelError("\(file): the model file is cut short; train it again") }
        }
        func u8() throws(ModelError) -> UInt8 { try need(1); defer { p += 1 }; return bytes[p] }
        func u32() throws(ModelError) -> UInt32 {
            try need(4); defer { p += 4 }
            return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[p + $1]) << (8 * $1) }
        }
        func u64() throws(ModelError) -> UInt64 {
            try need(8); defer { p += 8 }
            return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[p + $1]) << (8 * $1) }
        }
        if bytes.count >= magic.count, Array(bytes[0..<magic.count]) == greedyMagic {
            throw ModelError("\(file): a model of an earlier version (greedy decoding, other features); train it again with `pipeline train entities`")
        }
        let family = Array("PIPENER".utf8)
        if bytes.count >= magic.count, Array(bytes[0..<family.count]) == family, Array(bytes[0..<magic.count]) != magic {
            // A later version's model beside an older binary (or the reverse): say so, not "damaged".
            let version = String(decoding: bytes[0..<magic.count], as: UTF8.self)
            throw ModelError("\(file): a model of another version of pipeline (\(version); this binary reads \(String(decoding: magic, as: UTF8.self))); "
                + "use the binary it was shipped with, or train it again with this one (`pipeline train entities`)")
        }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw ModelError("\(file): not an entity model made by `pipeline train entities`")
        }
        p = magic.count
        var labels: [String] = []
        for _ in 0..<(try u8()) {
            let n = Int(try u8())
            try need(n)
            labels.append(String(decoding: bytes[p..<p + n], as: UTF8.self))
            p += n
        }
        let tags = BILOUTags(labels: labels)
        let scale = Float(bitPattern: try u32())
        let count = Int(try u32())
        guard count <= bytes.count / 9 else { throw ModelError("\(file): the model file is damaged; train it again") }
        var rows: [(hash: UInt64, weights: [Float])] = []
        rows.reserveCapacity(count)
        for _ in 0..<count {
            let hash = try u64()
            var w = [Float](repeating: 0, count: tags.count)
            for _ in 0..<(try u8()) {
                let t = Int(try u8())
                try need(2)
                let q = Int16(bitPattern: UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8)
                p += 2
                guard t < tags.count else { throw ModelError("\(file): the model file is damaged; train it again") }
                w[t] = Float(q) * scale
            }
            rows.append((hash, w))
        }
        return (tags, rows)
    }
}

/// A model folder that cannot be used; the message names it and the fix.
struct ModelError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
