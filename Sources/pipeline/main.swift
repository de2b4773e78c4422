import EntityExtraction
import Export
import Parsing
import PipelineCLI
import PipelineKit

// The one place that lists the built-in processors.
var registry = ProcessorRegistry()
registry.register(Parse.self)
registry.register(ExtractEntities.self)
registry.register(Export.self)
await PipelineCLI.main(registry: registry)
