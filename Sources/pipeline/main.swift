import BuiltinProcessors
import PipelineCLI
import PipelineKit

// The built-in processors are listed once, in Sources/BuiltinProcessors.
await PipelineCLI.main(registry: .builtins)
