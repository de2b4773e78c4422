#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import PipelineKit
import Synchronization

/// One running child of an `exec` step: its pipes, a poll-based line reader, and the tail of its stderr.
///
/// All calls are blocking and made by one caller at a time (the pool hands a child to one document at a
/// time), so they run on a Dispatch thread, never on the cooperative pool.
///
/// ```swift
/// let child = try ChildProcess.spawn(executable: "/usr/bin/python3", arguments: ["step.py"], ...)
/// switch child.exchange(Array(line.utf8) + [10], timeout: 5) { case .line(let answer): ... }
/// ```
final class ChildProcess: @unchecked Sendable {
    /// What came back for one request.
    enum Answer {
        /// One line, without its newline.
        case line([UInt8])
        /// The child closed its stdout (it exited or crashed) before a full line.
        case exited
        /// No full line before the deadline.
        case timedOut
        /// A line longer than `maxLineBytes`.
        case tooLong
    }

    /// Answers longer than this are refused rather than buffered without end.
    static let maxLineBytes = 512 << 20
    /// Stderr lines kept for the reason of a crash.
    static let stderrTail = 12

    let process: Process
    let pid: Int32
    private let stdinFD: Int32
    private let stdoutFD: Int32
    /// Bytes read after the last newline: kept for the next answer.
    private var pending: [UInt8] = []
    private let stderrLines = Locked<[String]>([])
    private let stderrDone = DispatchSemaphore(value: 0)
    private var closed = false
    /// Documents answered; the first one also gets the start-up allowance.
    private(set) var answered = 0

    /// Serializes pipe creation and spawning so no child inherits another child's pipes (all our ends are
    /// close-on-exec; only the three dup2'ed descriptors reach the child).
    private static let spawnLock = NSLock()

    private init(process: Process, stdinFD: Int32, stdoutFD: Int32) {
        self.process = process
        self.pid = process.processIdentifier
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
    }

    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      workingDirectory: String, logger: Logger) throws -> ChildProcess {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
        let input = try makePipe(), output = try makePipe(), errors = try makePipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        process.standardInput = FileHandle(fileDescriptor: input.read, closeOnDealloc: false)
        process.standardOutput = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        process.standardError = FileHandle(fileDescriptor: errors.write, closeOnDealloc: false)
        do {
            try process.run()
        } catch {
            for fd in [input.read, input.write, output.read, output.write, errors.read, errors.write] { close(fd) }
            throw error
        }
        // The child has its copies; ours of its ends must go, or EOF would never come.
        close(input.read)
        close(output.write)
        close(errors.write)
        // Non-blocking: a child that stops reading must not block us past the deadline.
        _ = fcntl(input.write, F_SETFL, fcntl(input.write, F_GETFL) | O_NONBLOCK)
        _ = fcntl(output.read, F_SETFL, fcntl(output.read, F_GETFL) | O_NONBLOCK)
        let child = ChildProcess(process: process, stdinFD: input.write, stdoutFD: output.read)
        child.startStderrReader(fd: errors.read, logger: logger)
        return child
    }

    /// Reads stderr on its own thread until EOF: every line goes to the log, the last few are kept.
    private func startStderrReader(fd: Int32, logger: Logger) {
        let pid = self.pid
        let thread = Thread { [self] in
            var partial: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 8192)
            func emit(_ bytes: ArraySlice<UInt8>) {
                let line = String(decoding: bytes, as: UTF8.self)
                logger.info("child \(pid) stderr: \(line)")
                self.stderrLines.withLock { lines in
                    lines.append(String(line.prefix(400)))
                    if lines.count > ChildProcess.stderrTail { lines.removeFirst(lines.count - ChildProcess.stderrTail) }
                }
            }
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                partial.append(contentsOf: buffer[0..<n])
                while let newline = partial.firstIndex(of: 10) {
                    emit(partial[..<newline])
                    partial.removeSubrange(...newline)
                }
                if partial.count > 64 << 10 { emit(partial[...]); partial.removeAll() }
            }
            if !partial.isEmpty { emit(partial[...]) }
            close(fd)
            self.stderrDone.signal()
        }
        thread.name = "exec-stderr-\(pid)"
        thread.start()
    }

    /// Sends one request (ending in a newline) and waits for one line, at most `timeout` seconds, plus
    /// `startup` seconds for a child's first document (loading a model must not count as a hang).
    func exchange(_ request: [UInt8], timeout: Double, startup: Double) -> Answer {
        let allowance = max(0, timeout) + (answered == 0 ? max(0, startup) : 0)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(allowance * 1e9)
        if let line = takeLine() { return line }
        var written = 0
        var writing = true
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline { return .timedOut }
            let waitMS = Int32(min(UInt64(Int32.max), (deadline - now + 999_999) / 1_000_000))
            var fds = [pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)]
            if writing { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), waitMS)
            if ready < 0 {
                if errno == EINTR { continue }
                return .exited
            }
            if writing, fds.count > 1, fds[1].revents != 0 {
                let n = request.withUnsafeBytes { raw in
                    write(stdinFD, raw.baseAddress! + written, raw.count - written)
                }
                if n > 0 {
                    written += n
                    if written == request.count { writing = false }
                } else if n < 0, errno != EAGAIN, errno != EINTR {
                    // EPIPE: the child closed its stdin (it is exiting); its stdout tells the rest.
                    writing = false
                }
            }
            if fds[0].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
                if n > 0 {
                    pending.append(contentsOf: buffer[0..<n])
                    if let line = takeLine() { return line }
                    if pending.count > Self.maxLineBytes { return .tooLong }
                } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    return .exited
                }
            }
        }
    }

    private func takeLine() -> Answer? {
        guard let newline = pending.firstIndex(of: 10) else { return nil }
        let line = Array(pending[..<newline])
        pending.removeSubrange(...newline)
        answered += 1
        return .line(line)
    }

    var isRunning: Bool { process.isRunning }

    /// Kills the child (if alive) and waits for it, so its status and last stderr lines can be read.
    func kill() {
        if process.isRunning { signalProcess(pid, SIGKILL) }
        reap()
    }

    /// Kills the child without reaping it: safe while another thread is in `exchange`, which then
    /// sees the child end; the caller of `exchange` reaps it.
    func interrupt() {
        if process.isRunning { signalProcess(pid, SIGKILL) }
    }

    /// Closes stdin (the child's signal to finish) and waits up to `grace` seconds before killing it.
    func shutdown(grace: Double) {
        closeStdin()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        kill()
    }

    /// Waits for a child that has exited or is exiting, and for its stderr to drain (briefly: a grandchild
    /// may hold stderr open).
    func reap() {
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning { signalProcess(pid, SIGKILL) }
        process.waitUntilExit()
        _ = stderrDone.wait(timeout: .now() + 0.5)
        closeStdin()
        if !closed {
            closed = true
            close(stdoutFD)
        }
    }

    private var stdinClosed = false
    private func closeStdin() {
        guard !stdinClosed else { return }
        stdinClosed = true
        close(stdinFD)
    }

    /// "exit status 3", "signal 9 (killed)"; valid after `reap()`.
    var exitDescription: String {
        if process.isRunning { return "still running" }
        switch process.terminationReason {
        case .exit: return "exit status \(process.terminationStatus)"
        case .uncaughtSignal:
            let s = process.terminationStatus
            let name = [4: "SIGILL", 6: "SIGABRT", 9: "SIGKILL", 11: "SIGSEGV", 15: "SIGTERM", 8: "SIGFPE", 7: "SIGBUS"][Int(s)]
            return "signal \(s)" + (name.map { " (\($0))" } ?? "")
        @unknown default: return "status \(process.terminationStatus)"
        }
    }

    /// The last stderr lines, oldest first.
    var lastStderrLines: [String] { stderrLines.withLock { $0 } }
}

/// The C `kill`, out of reach inside `ChildProcess` whose `kill()` hides it.
private func signalProcess(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}
