import ExecProcessor
import Export
import Keyphrases
import Parsing
import PipelineCLI
import PipelineKit
import ReadingTime

// The processors this build knows: some of the framework's, and ours.
var registry = ProcessorRegistry()
registry.register(Parse.self)
registry.register(Export.self)
registry.register(Exec.self)
registry.register(Keyphrases.self)
registry.register(ReadingTime.self)
await PipelineCLI.main(registry: registry)
