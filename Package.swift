// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DocumentPipeline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pipeline", targets: ["pipeline"]),
        .library(name: "PipelineKit", targets: ["PipelineKit"]),
        .library(name: "PipelineCLI", targets: ["PipelineCLI"]),
        // `pipeline serve` for a custom build: `PipelineCLI.main(registry:, commands: [ServeCommand.self])`.
        .library(name: "PipelineServer", targets: ["PipelineServer"]),
        // Every processor module, for a user's own build (examples/custom-build) to register the ones it wants.
        .library(name: "PipelineProcessors", targets: ["Parsing", "EntityExtraction", "QuoteExtraction", "Export",
                                                       "ExecProcessor", "Keyphrases", "Sentiment", "BuiltinProcessors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // `pipeline serve` only (Sources/PipelineServer); no default traits: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    ],
    targets: [
        // The core: Document, layers, the Processor protocol, the registry, pipeline files, the runner.
        .target(name: "PipelineKit", dependencies: [
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Built-in processors: one module each, each importing PipelineKit only.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "Parsing", dependencies: ["PipelineKit", "CLibXML2"], resources: [.copy("HTML/Lexicons")]),
        .target(name: "EntityExtraction", dependencies: ["PipelineKit"], resources: [.copy("Lexicons"), .copy("Model/entities")]),
        .target(name: "QuoteExtraction", dependencies: ["PipelineKit"]),
        .target(name: "Export", dependencies: [
            "PipelineKit",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // `exec`: out-of-process processors in any language (docs/exec-protocol.md).
        .target(name: "ExecProcessor", dependencies: ["PipelineKit", .product(name: "Logging", package: "swift-log")]),

        // Processor modules that are not built in: Plugins/<Name>/, ordinary targets with an explicit path
        // (SwiftPM would otherwise look in Plugins/ for package plugins). Each imports PipelineKit only.
        .target(name: "Keyphrases", dependencies: ["PipelineKit"], path: "Plugins/Keyphrases", exclude: ["README.md"]),
        .target(name: "Sentiment", dependencies: ["PipelineKit"], path: "Plugins/Sentiment",
                exclude: ["README.md", "Data/README.md", "Data/make_lexicon.py"],
                resources: [.copy("Data/vader_lexicon.tsv"), .copy("Data/LICENSE-vaderSentiment.txt")]),

        // The commands as a library, so a custom build can add its own processors.
        .target(name: "PipelineCLI", dependencies: [
            "PipelineKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The one place that lists the built-ins (`ProcessorRegistry.builtins`), for the executable and Fuzz/.
        .target(name: "BuiltinProcessors", dependencies: [
            "PipelineKit", "Parsing", "EntityExtraction", "QuoteExtraction", "Export",
            "ExecProcessor", "Keyphrases", "Sentiment",
        ]),
        // `pipeline serve`: the pipeline's analysis steps as an HTTP service (Hummingbird), and its command.
        .target(name: "PipelineServer", dependencies: [
            "PipelineKit", "PipelineCLI", "Export",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "pipeline", dependencies: ["PipelineCLI", "PipelineServer", "BuiltinProcessors"]),

        // Tests: one target per module, plus end-to-end CLI tests; TestSupport finds ../shared.
        .target(name: "TestSupport", dependencies: ["PipelineKit"], path: "Tests/TestSupport"),
        .testTarget(name: "PipelineKitTests", dependencies: ["PipelineKit", "TestSupport"]),
        .testTarget(name: "PipelineServerTests", dependencies: [
            "PipelineServer", "BuiltinProcessors", "PipelineKit", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "PipelineCLITests", dependencies: ["PipelineCLI", "pipeline", "TestSupport"]),
        .testTarget(name: "ExecProcessorTests", dependencies: ["ExecProcessor", "PipelineKit", "pipeline", "TestSupport"]),
        .testTarget(name: "PluginTests", dependencies: ["Keyphrases", "Sentiment", "Parsing", "PipelineKit", "pipeline", "TestSupport"]),
        .testTarget(name: "ParsingTests", dependencies: ["Parsing", "TestSupport"]),
        .testTarget(name: "ParsingHTMLTests", dependencies: ["Parsing", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "TestSupport"]),
        .testTarget(name: "EntityExtractionTests", dependencies: ["EntityExtraction", "Parsing", "TestSupport"]),
        .testTarget(name: "QuoteExtractionTests", dependencies: ["QuoteExtraction", "Parsing", "EntityExtraction", "TestSupport"]),
    ]
)
