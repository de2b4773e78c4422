// swift-tools-version:6.1
// A newsroom's own build of `pipeline`: the processors of DocumentPipeline it wants, plus its own.
import PackageDescription

let package = Package(
    name: "NewsroomPipeline",
    platforms: [.macOS(.v15)],
    // Our binary is `newsroom-pipeline`: a product named `pipeline` would collide in .build with the
    // framework's own `pipeline` executable, which SwiftPM builds too.
    products: [.executable(name: "newsroom-pipeline", targets: ["NewsroomPipeline"])],
    dependencies: [
        // Your copy of the framework: a path here; a URL with a version in your own project.
        .package(name: "DocumentPipeline", path: "../.."),
    ],
    targets: [
        // Our own processor: an ordinary target that imports PipelineKit only.
        .target(name: "ReadingTime", dependencies: [.product(name: "PipelineKit", package: "DocumentPipeline")],
                path: "Plugins/ReadingTime"),
        // Our binary: the framework's commands (`run`, `validate`, `list`, ...) with our registry.
        .executableTarget(name: "NewsroomPipeline", dependencies: [
            "ReadingTime",
            .product(name: "PipelineCLI", package: "DocumentPipeline"),
            .product(name: "PipelineKit", package: "DocumentPipeline"),
            .product(name: "PipelineProcessors", package: "DocumentPipeline"),
        ]),
        .testTarget(name: "ReadingTimeTests", dependencies: [
            "ReadingTime", .product(name: "PipelineKit", package: "DocumentPipeline"),
        ]),
    ]
)
