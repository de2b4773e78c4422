// Fuzz target: a pipeline file made of arbitrary bytes must load or be refused with diagnostics, never crash.
import FuzzSupport
import PipelineKit

let loader = PipelineLoader(registry: allProcessors, environment: ["HOME": "/home/fuzz", "CORPUS": "corpus"])

runFuzzer { data, size in
    let input = bytes(data, size)
    do {
        _ = try loader.load(bytes: input, file: scratchDirectory + "/fuzz.yaml", baseDirectory: scratchDirectory)
    } catch let error as PipelineFileError {
        // Every refusal must say where: at least one diagnostic, each naming the file.
        precondition(!error.diagnostics.isEmpty, "a refused pipeline file without diagnostics")
        _ = "\(error)"
    } catch {
        preconditionFailure("the loader threw something other than PipelineFileError: \(error)")
    }
    return 0
}
