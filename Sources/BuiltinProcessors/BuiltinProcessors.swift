import EntityExtraction
import ExecProcessor
import Export
import Keyphrases
import Parsing
import PipelineKit
import QuoteExtraction
import Sentiment

extension ProcessorRegistry {
    /// The processors the `pipeline` binary ships with: the one list of them, used by the executable and
    /// by the fuzz targets (Fuzz/). A custom build may start from it and register its own:
    ///
    /// ```swift
    /// var registry = ProcessorRegistry.builtins
    /// registry.register(MyStep.self)
    /// await PipelineCLI.main(registry: registry)
    /// ```
    public static var builtins: ProcessorRegistry {
        var registry = ProcessorRegistry()
        registry.register(Parse.self)
        registry.register(ExtractEntities.self)
        registry.register(Export.self)
        registry.register(ExtractQuotes.self)
        registry.register(Exec.self)
        registry.register(Keyphrases.self)
        registry.register(Sentiment.self)
        registry.register(trainer: EntityModelTrainer.self)
        return registry
    }
}
