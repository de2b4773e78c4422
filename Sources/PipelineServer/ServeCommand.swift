import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PipelineCLI
import PipelineKit

/// `pipeline serve CONFIG`: the pipeline's analysis steps as an HTTP service (docs/serve.md).
///
/// A custom build gets it by passing it to `PipelineCLI.main`:
///
/// ```swift
/// await PipelineCLI.main(registry: registry, commands: [ServeCommand.self])
/// ```
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the pipeline over HTTP: POST a document, get it annotated (docs/serve.md).",
        discussion: """
            The analysis steps run for each request; export steps do not. The page at / annotates a pasted \
            article. SIGTERM or Ctrl-C stops accepting connections, answers the requests in flight, then exits 0. \
            Example: pipeline serve pipelines/news.yaml --port 8080
            """
    )

    @Argument(help: "The pipeline file (YAML).")
    var config: String

    @ArgumentParser.Option(help: "The address to listen on; the default answers this machine only. 0.0.0.0 listens on every interface.")
    var host = "127.0.0.1"

    @ArgumentParser.Option(help: "The TCP port (0: any free port, printed at start).")
    var port = 8080

    @ArgumentParser.Option(help: "Documents annotated at once (default: settings.jobs, else the number of cores).")
    var jobs: Int?

    @ArgumentParser.Option(help: "Requests that may wait for a free job; one more is answered 503 with Retry-After.")
    var queue = 64

    @ArgumentParser.Option(help: "Require 'Authorization: Bearer TOKEN' on every route but /healthz (or set PIPELINE_TOKEN).")
    var token: String?

    @OptionGroup var common: CommonOptions

    public init() {}

    public func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be from 1 to 1024") }
        if queue < 0 || queue > 100_000 { throw ValidationError("--queue must be from 0 to 100000") }
        if port < 0 || port > 65535 { throw ValidationError("--port must be from 0 to 65535") }
        if let token, token.isEmpty { throw ValidationError("--token must not be empty") }
    }

    public func run() async throws {
        common.bootstrapLogging()
        let pipeline = try loadPipeline(config, requiresInputs: false)
        let token = token ?? ProcessInfo.processInfo.environment["PIPELINE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let options = ServeOptions(host: host, port: port, jobs: jobs ?? pipeline.settings.jobs, queue: queue, token: token)
        let logger = Logger(label: "pipeline.serve")
        let service: AnnotationService
        do {
            service = try AnnotationService(pipeline: pipeline, options: options, logger: logger)
        } catch {
            printError(error.description)
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        let app = service.application { address in
            let scope = options.host == "127.0.0.1" || options.host == "::1" || options.host == "localhost" ? "this machine only" : "the network"
            printError("pipeline serve: \(pipeline.file) on http://\(address) (\(scope)); \(options.jobs) jobs, queue \(options.queue)\(token == nil ? "" : ", token required"); Ctrl-C stops")
        }
        do {
            try await app.runService()
        } catch {
            printError("pipeline serve: \(error)")
            await service.shutdown()
            throw ExitCode(ExitStatus.runFailed)
        }
        await service.shutdown()
        // What the drain promises, in numbers: every request read was answered (or its client left).
        printError("pipeline serve: stopped: \(service.metrics.ledgerCounts)")
    }
}

extension AnnotationService {
    /// The service as a Hummingbird application on `options.host:options.port`; `onRunning` gets the
    /// address it bound ("127.0.0.1:8080"), which tells the port when `port` is 0.
    public func application(onRunning: @escaping @Sendable (String) -> Void = { _ in })
        -> some ApplicationProtocol {
        let options = self.options
        return Application(
            router: ServeRoutes.router(for: self),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let address = channel.localAddress
                let host = address?.ipAddress ?? options.host
                onRunning("\(host.contains(":") ? "[\(host)]" : host):\(address?.port ?? options.port)")
            },
            logger: logger
        )
    }
}
