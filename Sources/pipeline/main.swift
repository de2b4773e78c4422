import ExecProcessor
import Export
import Parsing
import PipelineCLI
import PipelineKit

// The one place that lists the built-in processors.
var registry = ProcessorRegistry()
registry.register(Parse.self)
registry.register(Export.self)
registry.register(Exec.self)
await PipelineCLI.main(registry: registry)
