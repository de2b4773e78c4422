// The `extract-quotes` processor lives in this module (see docs/processors/extract-quotes.md).
