import Foundation

/// A value behind a lock, for processors that keep state across documents (a cache, a counter).
/// Sinks need none: the runner never calls one concurrently.
///
/// Like `Synchronization.Mutex`, but built on `NSLock` (a pthread mutex), which the thread sanitizer
/// understands. On Linux, `Mutex` is futex-based without sanitizer annotations, so `--sanitize=thread`
/// reports false races through it (docs/robustness.md).
///
/// ```swift
/// let seen = Locked<Set<String>>([])
/// let isNew = seen.withLock { $0.insert(document.id).inserted }
/// ```
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
