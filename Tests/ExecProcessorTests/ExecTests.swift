import Foundation
import PipelineKit
import Testing
import TestSupport
@testable import ExecProcessor

@Suite("exec: one child process across documents, failures confined to one document")
struct ExecTests {
    @Test func childAddsMetadataAndLayerAttributedToTheStep() async throws {
        let (exec, _) = try ExecFixture.childExec()
        var doc = Document(id: "a", text: "three little words")
        doc.metadata.title = "Kept"
        try await exec.process(&doc)
        try await exec.finish()
        #expect(doc.metadata.extra["word_count"] == .int(3))
        #expect(doc.metadata.title == "Kept")
        #expect(try doc.layerJSON(named: "shout")?["text"] == .string("THREE LITTLE WORDS"))
    }

    @Test func oneChildServesManyDocuments() async throws {
        let (exec, _) = try ExecFixture.childExec()
        for i in 0..<20 {
            var doc = Document(id: "d\(i)", text: String(repeating: "w ", count: i + 1))
            try await exec.process(&doc)
            #expect(doc.metadata.extra["word_count"] == .int(i + 1))
        }
        #expect(exec.pool.starts == 1)
        try await exec.finish()
    }

    @Test func crashFailsOnlyThatDocumentWithStatusAndStderr() async throws {
        let (exec, _) = try ExecFixture.childExec()
        var bad = Document(id: "bad", text: "please crash now")
        let error = await #expect(throws: DocumentRejected.self) { try await exec.process(&bad) }
        #expect(error?.reason.contains("exit status 3") == true)
        #expect(error?.reason.contains("about to crash on bad") == true)
        var good = Document(id: "good", text: "fine words")
        try await exec.process(&good)
        #expect(good.metadata.extra["word_count"] == .int(2))
        #expect(exec.pool.starts == 2)
        try await exec.finish()
    }

    @Test func hangIsKilledAtTheTimeoutAndTheNextDocumentWorks() async throws {
        let (exec, _) = try ExecFixture.childExec(timeout: 0.5)
        var first = Document(id: "first", text: "warm up")   // past the start-up allowance
        try await exec.process(&first)
        var stuck = Document(id: "stuck", text: "hang forever")
        let started = Date()
        let error = await #expect(throws: DocumentRejected.self) { try await exec.process(&stuck) }
        #expect(error?.reason.contains("timeout") == true)
        #expect(Date().timeIntervalSince(started) < 120)   // the hang is cut, not waited out (0.5 s timeout; loose for sanitizers on a loaded machine)
        var good = Document(id: "good", text: "fine")
        try await exec.process(&good)
        #expect(good.metadata.extra["word_count"] == .int(1))
        try await exec.finish()
    }

    @Test func cancellingTheStepKillsAHungChildAtOnce() async throws {
        let (exec, _) = try ExecFixture.childExec(timeout: 900)
        var first = Document(id: "first", text: "warm up")
        try await exec.process(&first)
        let started = Date()
        let task = Task {
            var stuck = Document(id: "stuck", text: "hang forever")
            try await exec.process(&stuck)
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()   // what the runner does past step_timeout
        await #expect(throws: DocumentRejected.self) { try await task.value }
        #expect(Date().timeIntervalSince(started) < 300)   // far less than the 900 s exec timeout (loose for a loaded machine)
        var good = Document(id: "good", text: "fine")
        try await exec.process(&good)
        #expect(good.metadata.extra["word_count"] == .int(1))
        try await exec.finish()
    }

    @Test func garbageOnStdoutIsAnErrorForThatDocumentOnly() async throws {
        let (exec, _) = try ExecFixture.childExec()
        var doc = Document(id: "g", text: "print garbage")
        let error = await #expect(throws: DocumentRejected.self) { try await exec.process(&doc) }
        #expect(error?.reason.contains("not JSON") == true)
        #expect(error?.reason.contains("this is not json") == true)
        var good = Document(id: "good", text: "fine words here")
        try await exec.process(&good)
        #expect(good.metadata.extra["word_count"] == .int(3))
        try await exec.finish()
    }

    @Test func childCanRejectADocumentAndStaysAlive() async throws {
        let (exec, _) = try ExecFixture.childExec()
        var doc = Document(id: "r", text: "reject me")
        let error = await #expect(throws: DocumentRejected.self) { try await exec.process(&doc) }
        #expect(error?.reason == "the child rejected it: no thanks")
        var good = Document(id: "good", text: "ok")
        try await exec.process(&good)
        #expect(exec.pool.starts == 1)
        try await exec.finish()
    }

    @Test func changingTheTextIsRefused() async throws {
        let (exec, _) = try ExecFixture.childExec()
        var doc = Document(id: "t", text: "retext this")
        let error = await #expect(throws: DocumentRejected.self) { try await exec.process(&doc) }
        #expect(error?.reason.contains("changed the text") == true)
        #expect(doc.text == "retext this")
        try await exec.finish()
    }

    @Test func concurrentDocumentsEachGetTheirOwnChild() async throws {
        let dir = try ExecFixture.folder()
        try ExecFixture.script.write(to: dir.appendingPathComponent("child.py"), atomically: true, encoding: .utf8)
        let exec = try ExecFixture.exec(in: dir, ["command": ["python3", "child.py"]], jobs: 3)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<30 {
                group.addTask {
                    var doc = Document(id: "c\(i)", text: String(repeating: "x ", count: i + 1))
                    try await exec.process(&doc)
                    #expect(doc.id == "c\(i)")
                    #expect(doc.metadata.extra["word_count"] == .int(i + 1))
                }
            }
            try await group.waitForAll()
        }
        #expect(exec.pool.starts <= 3)
        try await exec.finish()
    }

    @Test func aChildThatDiesAtStartupStopsBeingRestartedAfterMaxRestarts() async throws {
        let dir = try ExecFixture.folder()
        let exec = try ExecFixture.exec(in: dir, ["command": ["python3", "-c", "import sys; sys.exit(2)"],
                                                  "max_restarts": 2])
        var reasons: [String] = []
        for i in 0..<5 {
            var doc = Document(id: "d\(i)", text: "x")
            do { try await exec.process(&doc) } catch let e as DocumentRejected { reasons.append(e.reason) }
        }
        #expect(reasons.count == 5)
        #expect(reasons[0].contains("exit status 2"))
        #expect(reasons[4].contains("max_restarts"))
        #expect(exec.pool.starts == 3)   // the first start and two restarts; the fourth is refused
        try await exec.finish()
    }

    @Test func unknownCommandIsASetupErrorNamingIt() throws {
        let dir = try ExecFixture.folder()
        let error = #expect(throws: SetupError.self) {
            try ExecFixture.exec(in: dir, ["command": ["no-such-program-xyz", "a.py"]])
        }
        #expect(error?.message.contains("no-such-program-xyz") == true)
        #expect(error?.option == "command")
    }
}

@Suite("the shipped exec example")
struct ExecExampleTests {
    @Test func wordCountExampleAddsItsCountAndLongWordsLayerInCodePoints() async throws {
        let script = SharedData.repositoryRoot.appendingPathComponent("Plugins/exec-examples/word_count.py").path
        let exec = try ExecFixture.exec(in: try ExecFixture.folder(), ["command": ["python3", .string(script)]])
        var doc = Document(id: "z", text: "Zürich’s extraordinarily well-known café reopened in 2024.")
        try await exec.process(&doc)
        try await exec.finish()
        #expect(doc.metadata.extra["word_count"] == .int(6))
        let long = try #require(doc.layerJSON(named: "long_words")?.arrayValue)
        #expect(long.count == 1)
        #expect(long[0]["text"] == "extraordinarily")
        let scalars = Array(doc.text.unicodeScalars)
        let start = try #require(long[0]["start"]?.intValue), end = try #require(long[0]["end"]?.intValue)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "extraordinarily")
    }
}
