// The `extract-entities` processor lives in this module (see docs/processors/extract-entities.md).
