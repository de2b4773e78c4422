import BuiltinProcessors
import Dispatch
import Foundation
import PipelineKit

/// libFuzzer's driver: it parses the command line (corpus folders, -max_total_time, ...) and calls `callback`
/// with each input. Declared here because Swift has no header for it; the library is linked by scripts/fuzz.sh.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments; never returns.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
    exit(status)
}

/// The input as a byte array.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// All processors the `pipeline` binary registers.
public let allProcessors = ProcessorRegistry.builtins

/// A fresh folder for the fuzzers' pipeline files (inputs and outputs are resolved against it).
public let scratchDirectory: String = {
    let path = NSTemporaryDirectory() + "pipeline-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// The processors of `steps`, created as `pipeline run` creates them: options checked and completed with
/// defaults by the loader.
public func makeProcessors(steps: String) -> [any Processor] {
    let yaml = "inputs:\n  - path: \(scratchDirectory)\nsteps:\n\(steps)"
    do {
        let pipeline = try PipelineLoader(registry: allProcessors, environment: [:])
            .load(yaml: yaml, file: scratchDirectory + "/fuzz.yaml", baseDirectory: scratchDirectory)
        return try pipeline.steps.map { step in
            let made = try step.descriptor.make(options: step.options, context: SetupContext(
                stepID: step.id, baseDirectory: scratchDirectory, pipelineFile: pipeline.file))
            guard case .processor(let processor) = made else { fatalError("\(step.uses) is a sink, not a processor") }
            return processor
        }
    } catch {
        fatalError("fuzz harness setup failed: \(error)")
    }
}

/// Runs `document` through `processors` on a detached task and waits, as the fuzzer's callback is synchronous.
/// A `DocumentRejected` ends the chain (that is a clean answer); any other error is returned.
public func runBlocking(_ processors: [any Processor], _ document: Document) -> Document {
    let box = ResultBox()
    let semaphore = DispatchSemaphore(value: 0)
    Task.detached {
        var document = document
        for processor in processors {
            do {
                try await processor.process(&document)
            } catch is DocumentRejected {
                break
            } catch {
                break
            }
        }
        box.document = document
        semaphore.signal()
    }
    semaphore.wait()
    return box.document!
}

final class ResultBox: @unchecked Sendable {
    var document: Document?
}
