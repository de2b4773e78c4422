import BuiltinProcessors
import PipelineCLI
import PipelineKit
import PipelineServer

// The built-in processors are listed once, in Sources/BuiltinProcessors; `serve` lives in its own module
// (Sources/PipelineServer) so that PipelineCLI does not depend on the HTTP server.
await PipelineCLI.main(registry: .builtins, commands: [ServeCommand.self])
