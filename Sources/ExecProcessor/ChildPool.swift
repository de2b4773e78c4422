import Foundation
import Logging
import PipelineKit
import Synchronization

/// The children of one `exec` step: one per document in flight (up to `size`), started on first use and
/// restarted after a crash, a timeout or a protocol error.
///
/// A document borrows a child for its whole request/answer exchange, so a child never sees two documents
/// at once and answers come back in the order asked.
///
/// ```swift
/// let child = try await pool.checkout()
/// defer { pool.checkin(child) }   // or pool.discard(child) after a failure
/// ```
final class ChildPool: Sendable {
    struct Command: Sendable {
        var executable: String
        var arguments: [String]
        var environment: [String: String]
        var workingDirectory: String
        /// For messages: the command as the pipeline file wrote it.
        var display: String
    }

    private struct State {
        var idle: [ChildProcess] = []
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var starts = 0
        /// Children lost to a crash, a timeout or a bad answer: each one costs a restart.
        var failures = 0
        var shutDown = false
    }

    let command: Command
    let size: Int
    let maxRestarts: Int
    let logger: Logger
    private let state = Locked(State())

    init(command: Command, size: Int, maxRestarts: Int, logger: Logger) {
        self.command = command
        self.size = max(1, size)
        self.maxRestarts = maxRestarts
        self.logger = logger
    }

    /// Children started so far, first ones included.
    var starts: Int { state.withLock { $0.starts } }

    /// An idle child, a newly started one if fewer than `size` run, else waits for one to come back.
    func checkout() async throws -> ChildProcess {
        while true {
            enum Step { case use(ChildProcess), start, wait }
            let step: Step = state.withLock { s in
                while let child = s.idle.popLast() {
                    if child.isRunning { return .use(child) }
                    // It exited between documents; reap it quietly and count a restart below.
                    s.running -= 1
                    s.failures += 1
                    DispatchQueue.global().async { child.reap() }
                    self.logger.warning("exec child \(child.pid) exited between documents (\(child.exitDescription)); starting another")
                }
                if s.running < size {
                    s.running += 1
                    return .start
                }
                return .wait
            }
            switch step {
            case .use(let child): return child
            case .start: return try start()
            case .wait:
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { s -> Bool in
                        if !s.idle.isEmpty || s.running < size { return true }
                        s.waiters.append(continuation)
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }

    private func start() throws -> ChildProcess {
        let refused = state.withLock { s -> Bool in
            if s.failures > maxRestarts { return true }
            s.starts += 1
            return false
        }
        if refused {
            release()
            throw DocumentRejected("the child process was restarted \(maxRestarts) times (max_restarts) and is not started again; "
                + "fix the command (\(command.display)) and see the log for its stderr")
        }
        do {
            let child = try ChildProcess.spawn(executable: command.executable, arguments: command.arguments,
                                               environment: command.environment,
                                               workingDirectory: command.workingDirectory, logger: logger)
            logger.debug("exec child \(child.pid) started: \(command.display)")
            return child
        } catch {
            release()
            throw DocumentRejected("cannot start \(command.display): \(error.localizedDescription); "
                + "check that the program exists and is executable, and that the machine has free processes and memory")
        }
    }

    /// Gives a healthy child back for the next document.
    func checkin(_ child: ChildProcess) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.idle.append(child)
            return s.waiters.isEmpty ? nil : s.waiters.removeFirst()
        }
        waiter?.resume()
    }

    /// Forgets a child that was killed or died; the next checkout starts another.
    func discard(_ child: ChildProcess) {
        state.withLock { $0.failures += 1 }
        release()
    }

    private func release() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.running -= 1
            return s.waiters.isEmpty ? nil : s.waiters.removeFirst()
        }
        waiter?.resume()
    }

    /// Closes every idle child's stdin and waits up to `grace` seconds for it to exit.
    func shutdown(grace: Double) {
        let children = state.withLock { s -> [ChildProcess] in
            s.shutDown = true
            defer { s.idle.removeAll() }
            return s.idle
        }
        let group = DispatchGroup()
        for child in children {
            DispatchQueue.global().async(group: group) { child.shutdown(grace: grace) }
        }
        group.wait()
    }
}
