import Yams

/// `steps:`: each processor known, ids unique, and every layer a step needs provided by an earlier one.
extension LoadSession {
    mutating func steps(_ node: Node, jobs: Int) -> [StepConfig] {
        var result: [StepConfig] = []
        var available: Set<LayerName> = []
        var seenIDs: [String: Int] = [:]
        // After an unknown processor, which layers exist is unknown: report no missing layers then.
        var layersKnown = true
        for item in items(node, "steps", example: "`- uses: parse`") {
            guard item.mapping != nil else {
                error(item, "a step must be a mapping such as `- uses: parse`, not \(kind(of: item))")
                continue
            }
            guard let fields = fields(item, allowed: PipelineLoader.stepKeys, in: "a step") else { continue }
            guard let usesNode = fields["uses"] else {
                layersKnown = false
                error(item, "a step needs `uses:` naming its processor",
                      hint: "one of: \(loader.registry.all.map(\.name).joined(separator: ", "))")
                continue
            }
            guard let uses = string(usesNode, "uses") else { continue }
            guard let descriptor = loader.registry[uses] else {
                error(usesNode, "unknown processor '\(uses)'",
                      hint: Suggestion.didYouMean(uses, in: loader.registry.all.map(\.name))
                          ?? "`pipeline list` shows the processors: \(loader.registry.all.map(\.name).joined(separator: ", "))")
                layersKnown = false
                continue
            }
            var id = uses
            if let idNode = fields["id"], let given = string(idNode, "id") { id = given }
            seenIDs[id, default: 0] += 1
            if seenIDs[id]! > 1 {
                if fields["id"] != nil { error(fields["id"], "step id '\(id)' is used twice", hint: "give each step its own id") }
                id += "#\(seenIDs[id]!)"
            }

            var locations: [String: SourceLocation] = [:]
            let options = self.options(fields["with"], specs: descriptor.options, owner: descriptor.name, stepNode: usesNode, locations: &locations)
            let layers = descriptor.layers(options: options)
            let missing = layersKnown ? layers.requires.filter { !available.contains($0) } : []
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).joined(separator: ", ")
                let providers = Set(missing.flatMap { loader.registry.providers(of: $0) }).sorted()
                error(usesNode, "step '\(id)' needs \(names), which no earlier step provides",
                      hint: providers.isEmpty ? nil : "add `- uses: \(providers[0])` before it")
            }
            for layer in layers.provides {
                available.insert(layer)
            }

            result.append(StepConfig(id: id, uses: uses, options: options, location: location(usesNode),
                                     optionLocations: locations, descriptor: descriptor))
        }
        return result
    }
}
