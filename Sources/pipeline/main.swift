import EntityExtraction
import Export
import Parsing
import PipelineCLI
import PipelineKit
import QuoteExtraction

// The one place that lists the built-in processors.
var registry = ProcessorRegistry()
registry.register(Parse.self)
registry.register(ExtractEntities.self)
registry.register(Export.self)
registry.register(ExtractQuotes.self)
await PipelineCLI.main(registry: registry)
