import Foundation

/// Threads of the runner's own, as a task executor apart from Swift's cooperative pool.
///
/// Why: a step that spins on every core must not starve the runner, the sinks or the `step_timeout`
/// watchdog, and whatever else the process runs on the cooperative pool must not starve the run.
/// Documents are processed in tasks that prefer one pool of these (`jobs` threads); the run loop and the
/// sinks prefer another of one thread; the watchdog has a thread of its own.
/// A step abandoned past its timeout may keep its thread busy; `addSpare()` starts another so the run
/// goes on at full width, and `retireSpare()` lets one go when the abandoned step finally returns.
///
/// ```swift
/// let threads = ProcessorThreads(count: 4)
/// let task = Task(executorPreference: threads) { try await processor.process(&document) }
/// threads.shutdown()   // idle threads exit; busy ones after their job
/// ```
final class ProcessorThreads: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [UnownedJob] = []
    private var head = 0
    private var target: Int
    private var live = 0
    private var shuttingDown = false

    private let name: String

    init(count: Int, name: String = "pipeline-processor") {
        self.name = name
        target = max(1, count)
        for _ in 0..<target { spawn() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// One more thread, for a step that was abandoned while still holding one.
    func addSpare() {
        condition.lock()
        target += 1
        condition.unlock()
        spawn()
    }

    /// An abandoned step returned: one thread more than needed, which exits when next idle.
    func retireSpare() {
        condition.lock()
        target -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Idle threads exit now, busy ones when their job returns; queued jobs still run.
    func shutdown() {
        condition.lock()
        shuttingDown = true
        condition.broadcast()
        condition.unlock()
    }

    private func spawn() {
        condition.lock()
        live += 1
        condition.unlock()
        let thread = Thread { [self] in work() }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func work() {
        while true {
            condition.lock()
            while head == queue.count && !shuttingDown && live <= target { condition.wait() }
            if head == queue.count || (live > target && !shuttingDown) {
                live -= 1
                condition.unlock()
                return
            }
            let job = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Enforces `step_timeout` from a thread of its own: it reads each document's current step and start
/// time and fires a document's `onTimeout` once, when its step overruns the limit.
///
/// Polling every 20 ms (or sooner when a deadline is nearer) costs nothing measurable and cannot be
/// starved by processors, which run on `ProcessorThreads`.
final class Watchdog: @unchecked Sendable {
    final class Entry: @unchecked Sendable {
        let progress: StepProgress
        let onTimeout: @Sendable (Int) -> Void
        init(progress: StepProgress, onTimeout: @escaping @Sendable (Int) -> Void) {
            self.progress = progress
            self.onTimeout = onTimeout
        }
    }

    private let limit: Duration
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var entries: [ObjectIdentifier: Entry] = [:]
    private var stopped = false

    init(limit seconds: Double) {
        limit = .seconds(seconds)
        let thread = Thread { [self] in watch() }
        thread.name = "pipeline-watchdog"
        thread.start()
    }

    func watch(_ entry: Entry) {
        condition.lock()
        entries[ObjectIdentifier(entry)] = entry
        condition.signal()
        condition.unlock()
    }

    func unwatch(_ entry: Entry) {
        condition.lock()
        entries[ObjectIdentifier(entry)] = nil
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func watch() {
        condition.lock()
        while !stopped {
            let now = ContinuousClock.now
            var nearest = Duration.milliseconds(20)
            var fired: [(Entry, Int)] = []
            for (key, entry) in entries {
                guard let (step, started) = entry.progress.current else { continue }
                let elapsed = now - started
                if elapsed >= limit {
                    fired.append((entry, step))
                    entries[key] = nil
                } else {
                    nearest = min(nearest, limit - elapsed)
                }
            }
            if !fired.isEmpty {
                condition.unlock()
                for (entry, step) in fired { entry.onTimeout(step) }
                condition.lock()
                continue
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.001, nearest.seconds)))
        }
        condition.unlock()
    }
}
