import EntityExtraction
import ExecProcessor
import Export
import Keyphrases
import Parsing
import PipelineCLI
import PipelineKit
import QuoteExtraction
import Sentiment

// The one place that lists the built-in processors.
var registry = ProcessorRegistry()
registry.register(Parse.self)
registry.register(ExtractEntities.self)
registry.register(Export.self)
registry.register(ExtractQuotes.self)
registry.register(Exec.self)
registry.register(Keyphrases.self)
registry.register(Sentiment.self)
await PipelineCLI.main(registry: registry)
