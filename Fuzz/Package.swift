// swift-tools-version:6.1
// libFuzzer targets for the document pipeline: build and run them with scripts/fuzz.sh (docs/robustness.md).
import PackageDescription

let package = Package(
    name: "PipelineFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "DocumentPipeline", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "PipelineKit", package: "DocumentPipeline"),
            .product(name: "PipelineProcessors", package: "DocumentPipeline"),
        ]),
        .executableTarget(name: "FuzzPipelineFile", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzParse", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzExtract", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzExecAnswer", dependencies: ["FuzzSupport"]),
    ]
)
