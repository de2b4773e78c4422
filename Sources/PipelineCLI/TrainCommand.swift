import ArgumentParser
import Foundation
import PipelineKit

/// `pipeline train NAME --data FILE.jsonl[,FILE2.jsonl] --out DIR`: fits a registered `Trainer` to gold
/// documents; `pipeline train entities` makes a recognizer that `extract-entities` reads with `model: DIR`.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on gold JSON Lines documents (pipeline train entities --data a.jsonl --out model/).",
        discussion: """
            The documents are JSON Lines in the shape `pipeline eval` reads ({"id", "text", "entities": [{"start", \
            "end", "label"}]}, code-point offsets). They go through the analysis steps of --config (default: parse) \
            before training. A share of them (--dev-fraction) is held out to pick the epoch; a progress line per \
            epoch gives its score. The same data and --seed give the same model, byte for byte.
            """
    )

    @Argument(help: "What to train (entities).")
    var name: String

    @ArgumentParser.Option(help: "Training files, comma-separated.")
    var data: String

    @ArgumentParser.Option(help: "The folder to write the model to (created if missing).")
    var out: String

    @ArgumentParser.Option(help: "The share of documents held out to choose the epoch (0 to 0.5).")
    var devFraction: Double = 0.1

    @ArgumentParser.Option(help: "Passes over the training documents.")
    var epochs: Int = 12

    @ArgumentParser.Option(help: "Seed of the shuffles and the held-out split.")
    var seed: UInt64 = 1

    @ArgumentParser.Option(help: "A pipeline whose steps before the first sink prepare the documents (default: parse only).")
    var config: String?

    func validate() throws {
        if !(0...0.5).contains(devFraction) { throw ValidationError("--dev-fraction must be from 0 to 0.5") }
        if !(1...200).contains(epochs) { throw ValidationError("--epochs must be from 1 to 200") }
    }

    func run() async throws {
        guard let trainer = Registry.shared.trainers[name] else {
            let known = Registry.shared.trainers.keys.sorted()
            printError("error: nothing trains '\(name)'; known: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        let pipeline: Pipeline
        if let config {
            pipeline = try loadPipeline(config, requiresInputs: false)
        } else {
            do {
                pipeline = try PipelineLoader(registry: Registry.shared).load(
                    yaml: "inputs: [\"-\"]\nsteps:\n  - uses: parse\n", file: "<train>", baseDirectory: FileManager.default.currentDirectoryPath)
            } catch {
                printError("error: this build has no `parse` step; pass --config with the steps that make tokens and sentences")
                throw ExitCode(ExitStatus.invalidPipeline)
            }
        }
        let files = data.split(separator: ",").map(String.init)
        var examples: [TrainingExample] = []
        do {
            let gold = try GoldReader.read(paths: files)
            let analyzed = try await GoldAnalysis(pipeline: pipeline).run(goldFiles: files)
            for problem in analyzed.problems { printError("warning: \(problem); left out of training") }
            for g in gold {
                guard let document = analyzed.documents[g.id] else { continue }
                guard document.text == g.text else {
                    printError("warning: \(g.location): the analysis steps changed the text (CRLF line ends?); left out of training")
                    continue
                }
                examples.append(TrainingExample(document: document, gold: g))
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.invalidPipeline)
        }
        let settings = TrainingSettings(outDirectory: out, devFraction: devFraction, epochs: epochs, seed: seed)
        do {
            let summary = try trainer.train(examples, settings, { printError($0) })
            print(summary)
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.runFailed)
        }
    }
}
