/// An open-addressing table keyed by a `PhraseHash` value.
///
/// The keys are already well-mixed 64-bit hashes, so the table indexes with their low bits directly
/// instead of hashing them again as `Dictionary` does (lookups dominate extraction time).
///
/// ```swift
/// var t = HashTable64<Int>(); t[PhraseHash.of("april")] = 4
/// t[PhraseHash.of("april")]   // 4
/// ```
struct HashTable64<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    init<S: Sequence>(_ pairs: S, uniquingKeysWith combine: (Value, Value) -> Value = { a, _ in a }) where S.Element == (UInt64, Value) {
        self.init()
        for (k, v) in pairs { self[k] = self[k].map { combine($0, v) } ?? v }
    }

    /// Key 0 is the empty slot marker, so it is stored as 1 (a collision no real phrase will notice).
    @inline(__always) private static func slotKey(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    subscript(key: UInt64) -> Value? {
        get {
            let k = Self.slotKey(key)
            var i = Int(truncatingIfNeeded: k) & mask
            while true {
                let stored = keys[i]
                if stored == k { return values[i] }
                if stored == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }   // no removal: lexicons only grow
            if (count + 1) * 2 > keys.count { grow() }
            let k = Self.slotKey(key)
            var i = Int(truncatingIfNeeded: k) & mask
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1 }
            keys[i] = k
            values[i] = newValue
        }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    private mutating func grow() {
        let old = zip(keys, values).compactMap { k, v in k == 0 ? nil : (k, v!) }
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        count = 0
        for (k, v) in old { self[k] = v }
    }
}

/// A set of `PhraseHash` values.
struct HashSet64: Sendable {
    private var table = HashTable64<Bool>()
    init() {}
    init<S: Sequence>(_ keys: S) where S.Element == UInt64 { for k in keys { table[k] = true } }
    func contains(_ key: UInt64) -> Bool { table[key] != nil }
    mutating func insert(_ key: UInt64) { table[key] = true }
    var isEmpty: Bool { table.count == 0 }
}
