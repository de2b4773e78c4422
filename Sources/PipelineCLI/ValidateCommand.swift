import ArgumentParser
import PipelineKit

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file without reading any document.",
        discussion: "Prints every problem as FILE:LINE:COLUMN: error: … and exits 2 if there is one."
    )

    @Argument(help: "The pipeline file (YAML).")
    var config: String

    func run() async throws {
        let pipeline = try loadPipeline(config)
        let steps = pipeline.steps.map(\.id).joined(separator: " → ")
        print("\(config): OK: \(pipeline.inputs.count) input\(pipeline.inputs.count == 1 ? "" : "s"); steps: \(steps)")
    }
}
