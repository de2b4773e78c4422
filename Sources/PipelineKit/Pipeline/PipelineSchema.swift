/// A JSON Schema (2020-12) of pipeline files, built from the processors' option specs,
/// so editors can check and complete pipeline files. `pipeline schema` prints it.
public enum PipelineSchema {
    public static func jsonSchema(for registry: ProcessorRegistry) -> JSONValue {
        let stepVariants: [JSONValue] = registry.all.map { descriptor in
            let (properties, required) = optionProperties(descriptor.options)
            var with: [String: JSONValue] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
            if !required.isEmpty { with["required"] = .array(required) }
            var step: [String: JSONValue] = [
                "type": "object",
                "description": .string(descriptor.summary),
                "properties": [
                    "uses": ["const": .string(descriptor.name)],
                    "id": ["type": "string", "description": "A name for this step in reports and messages."],
                    "with": .object(with),
                ],
                "required": required.isEmpty ? ["uses"] : ["uses", "with"],
                "additionalProperties": false,
            ]
            step["title"] = .string(descriptor.name)
            return .object(step)
        }
        let input: JSONValue = [
            "oneOf": [
                ["type": "string", "description": "A file, folder, glob, or \"-\" for stdin."],
                [
                    "type": "object",
                    "properties": [
                        "path": ["type": "string", "description": "A file, folder (read recursively), glob, or \"-\" for stdin."],
                        "format": ["enum": .array(registry.inputFormats.map { .string($0) }), "default": "auto"],
                    ],
                    "required": ["path"],
                    "additionalProperties": false,
                ],
            ],
        ]
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.invalid/document-pipeline/pipeline.schema.json",
            "title": "Document pipeline file",
            "type": "object",
            "properties": [
                "name": ["type": "string"],
                "description": ["type": "string"],
                "inputs": ["type": "array", "items": input, "minItems": 1],
                "steps": ["type": "array", "items": ["oneOf": .array(stepVariants)], "minItems": 1],
                "settings": [
                    "type": "object",
                    "properties": .object(optionProperties(SettingsOptions.spec).properties),
                    "additionalProperties": false,
                ],
            ],
            "required": ["inputs", "steps"],
            "additionalProperties": false,
        ]
    }

    /// JSON Schema properties for declared options, and the names of the required ones.
    static func optionProperties(_ options: [OptionSpec]) -> (properties: [String: JSONValue], required: [JSONValue]) {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for option in options {
            var p = schema(for: option.type)
            p["description"] = .string(option.doc)
            if let d = option.defaultValue { p["default"] = d } else { required.append(.string(option.name)) }
            properties[option.name] = .object(p)
        }
        return (properties, required)
    }

    static func schema(for type: OptionType) -> [String: JSONValue] {
        switch type {
        case .string, .path: ["type": "string"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        case .duration: ["type": ["string", "number"], "pattern": "^[0-9.]+(ms|s|m|h)?$"]
        case .size: ["type": ["string", "integer"], "pattern": "^[0-9.]+ *([KMG]B?|B)?$"]
        case .oneOf(let alternatives): ["anyOf": .array(alternatives.map { .object(schema(for: $0)) })]
        case .choice(let values): ["enum": .array(values.map { .string($0) })]
        case .list(let element): ["type": "array", "items": .object(schema(for: element))]
        case .map(let value): ["type": "object", "additionalProperties": .object(schema(for: value))]
        case .any: [:]
        }
    }
}
