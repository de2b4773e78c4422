import Foundation
import PipelineKit

/// Admission and concurrency for annotation: at most `jobs` documents run at once, at most `queue` more
/// wait their turn (first come, first served), and a request beyond that is turned away at once (503),
/// so a burst cannot pile up memory or latency without bound.
///
/// ```swift
/// guard queue.admit() else { throw ServeError.queueFull(...) }
/// defer { queue.leave() }
/// let result = await queue.run { await annotator.annotate(document) }
/// ```
final class WorkQueue: Sendable {
    let jobs: Int
    let queue: Int
    private let state = Locked(State())

    private struct State {
        var admitted = 0
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    init(jobs: Int, queue: Int) {
        self.jobs = max(1, jobs)
        self.queue = max(0, queue)
    }

    /// Requests admitted and not yet finished: running or waiting.
    var inFlight: Int { state.withLock { $0.admitted } }

    /// Takes a place for one request; false when `jobs + queue` are already in flight.
    /// Every `true` must be matched by one `leave()`.
    func admit() -> Bool {
        state.withLock { s -> Bool in
            guard s.admitted < jobs + queue else { return false }
            s.admitted += 1
            return true
        }
    }

    func leave() {
        state.withLock { $0.admitted -= 1 }
    }

    /// Runs `work` when one of the `jobs` slots is free; waiting callers are served in arrival order.
    func run<T: Sendable>(_ work: () async -> T) async -> T {
        await acquire()
        defer { release() }
        return await work()
    }

    private func acquire() async {
        let mustWait = state.withLock { s -> Bool in
            if s.running < jobs { s.running += 1; return false }
            return true
        }
        guard mustWait else { return }
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool in
                // A slot may have freed up between the two locks.
                if s.running < jobs { s.running += 1; return true }
                s.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.head < s.waiting.count else {
                s.running -= 1
                return nil
            }
            // The slot passes straight to the longest waiter: `running` stays the same.
            let c = s.waiting[s.head]
            s.head += 1
            if s.head > 64, s.head * 2 > s.waiting.count {
                s.waiting.removeFirst(s.head)
                s.head = 0
            }
            return c
        }
        next?.resume()
    }
}
