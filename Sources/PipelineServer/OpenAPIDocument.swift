/// The OpenAPI 3.1 description of `pipeline serve`, served at `GET /openapi.json`.
///
/// Tests keep it true: every route `ServeRoutes` registers is here and every path here is registered, and
/// each response the route tests receive has a status and content type listed here, with a body that
/// validates against the schema given for it.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "pipeline serve",
        "version": "1.0.0",
        "description": "A document pipeline's analysis steps (parse, extract-entities, extract-quotes, ...) as an HTTP service. Export steps do not run. Every error is JSON: {\"error\": {\"status\", \"code\", \"message\", \"step\"?}}. With --token, every route but /healthz needs 'Authorization: Bearer <token>'. See docs/serve.md."
      },
      "paths": {
        "/": {
          "get": {
            "summary": "The annotation page: paste or drop an article, see its entities and quotes.",
            "responses": {
              "200": { "description": "A self-contained HTML page.", "content": { "text/html": { "schema": { "type": "string" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/healthz": {
          "get": {
            "summary": "Liveness: 200 while the server runs. Needs no token.",
            "responses": {
              "200": { "description": "The server runs.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Health" } } } }
            }
          }
        },
        "/metrics": {
          "get": {
            "summary": "Prometheus metrics: requests by route and status, latency histogram, documents, rejections, requests in flight; requests accepted, answered and cut.",
            "responses": {
              "200": { "description": "Prometheus text exposition format 0.0.4.", "content": { "text/plain": { "schema": { "type": "string" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "summary": "This document.",
            "responses": {
              "200": { "description": "OpenAPI 3.1.", "content": { "application/json": { "schema": { "type": "object", "required": ["openapi", "paths"] } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/v1/pipeline": {
          "get": {
            "summary": "The pipeline: its steps with their options, which run per request, and the server's limits.",
            "responses": {
              "200": { "description": "The pipeline.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pipeline" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/v1/annotate": {
          "post": {
            "summary": "Annotate one document.",
            "description": "text/plain is read as news text (a header is read if present), text/html as a web page (main content), text/markdown as Markdown; application/json takes {\"id\", \"text\", ...} (one JSON Lines record: other fields become metadata) or {\"id\", \"html\", \"url\"?}. With 'Accept: text/html' the answer is the HTML report's view of the document instead of JSON.",
            "parameters": [
              { "name": "id", "in": "query", "required": false, "description": "The document's id, when the body does not give one.", "schema": { "type": "string" } }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "text/plain": { "schema": { "type": "string" } },
                "text/html": { "schema": { "type": "string" } },
                "text/markdown": { "schema": { "type": "string" } },
                "application/json": { "schema": { "$ref": "#/components/schemas/DocumentIn" } }
              }
            },
            "responses": {
              "200": {
                "description": "The document with its annotations, in the export JSON schema (docs/output.schema.json).",
                "content": {
                  "application/json": { "schema": { "$ref": "#/components/schemas/Document" } },
                  "text/html": { "schema": { "type": "string" } }
                }
              },
              "400": { "$ref": "#/components/responses/Error", "description": "Malformed JSON, or an object without a text or html string." },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "413": { "$ref": "#/components/responses/Error", "description": "The body is over settings.max_document_size." },
              "415": { "$ref": "#/components/responses/Error", "description": "Content-Type missing or not one of those listed." },
              "422": { "$ref": "#/components/responses/Error", "description": "A step failed on the document; error.step names it." },
              "503": { "$ref": "#/components/responses/Busy" },
              "504": { "$ref": "#/components/responses/Error", "description": "A step took longer than settings.step_timeout; error.step names it." }
            }
          }
        },
        "/v1/annotate/batch": {
          "post": {
            "summary": "Annotate many documents: JSON Lines in, JSON Lines out, in input order, streamed.",
            "description": "Each input line is one object as for /v1/annotate with application/json. Each output line is the document (docs/output.schema.json) or {\"line\", \"id\"?, \"error\"} for a line that failed; the batch goes on. Blank lines are skipped; lines are numbered from 1 and a document without an id takes its line number.",
            "requestBody": {
              "required": true,
              "content": { "application/x-ndjson": { "schema": { "type": "string" } } }
            },
            "responses": {
              "200": { "description": "One JSON object a line.", "content": { "application/x-ndjson": { "schema": { "type": "string" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "415": { "$ref": "#/components/responses/Error", "description": "Content-Type is not application/x-ndjson." },
              "503": { "$ref": "#/components/responses/Busy" }
            }
          }
        }
      },
      "components": {
        "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "Only when the server was started with --token or PIPELINE_TOKEN." } },
        "responses": {
          "Error": { "description": "An error.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Unauthorized": { "description": "A token is required and was missing or wrong.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Busy": {
            "description": "More requests in flight than --jobs + --queue; retry after the Retry-After header's seconds.",
            "headers": { "Retry-After": { "schema": { "type": "integer" } } },
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          }
        },
        "schemas": {
          "Health": { "type": "object", "required": ["status"], "properties": { "status": { "enum": ["ok"] } }, "additionalProperties": false },
          "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
              "line": { "type": "integer", "minimum": 1, "description": "Batch only: the input line." },
              "id": { "type": "string", "description": "Batch only: the document's id, when it was read." },
              "error": {
                "type": "object",
                "required": ["status", "code", "message"],
                "properties": {
                  "status": { "type": "integer", "minimum": 400 },
                  "code": { "enum": ["bad_json", "unsupported_type", "too_large", "unauthorized", "not_found", "method_not_allowed", "queue_full", "shutting_down", "step_failed", "step_timeout", "http_error", "internal"] },
                  "message": { "type": "string" },
                  "step": { "type": "string" }
                },
                "additionalProperties": false
              }
            },
            "additionalProperties": false
          },
          "DocumentIn": {
            "type": "object",
            "properties": {
              "id": { "type": ["string", "integer"] },
              "text": { "type": "string" },
              "html": { "type": "string" },
              "url": { "type": "string" }
            }
          },
          "Document": {
            "description": "docs/output.schema.json: the form every export writes.",
            "type": "object",
            "required": ["schema_version", "id", "source", "metadata", "text"]
          },
          "Pipeline": {
            "type": "object",
            "required": ["file", "steps", "limits", "layers"],
            "properties": {
              "name": { "type": ["string", "null"] },
              "file": { "type": "string" },
              "layers": { "type": "array", "items": { "type": "string" } },
              "steps": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["id", "uses", "summary", "runs_per_request", "options"],
                  "properties": {
                    "id": { "type": "string" },
                    "uses": { "type": "string" },
                    "summary": { "type": "string" },
                    "runs_per_request": { "type": "boolean" },
                    "options": { "type": "object" }
                  },
                  "additionalProperties": false
                }
              },
              "limits": {
                "type": "object",
                "required": ["jobs", "queue", "max_document_size", "step_timeout"],
                "properties": {
                  "jobs": { "type": "integer", "minimum": 1 },
                  "queue": { "type": "integer", "minimum": 0 },
                  "max_document_size": { "type": "integer", "minimum": 1 },
                  "step_timeout": { "type": ["number", "null"] }
                },
                "additionalProperties": false
              }
            },
            "additionalProperties": false
          }
        }
      },
      "security": [ {}, { "bearer": [] } ]
    }
    """#
}
