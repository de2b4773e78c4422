import Foundation
import Hummingbird
import HummingbirdTesting
import PipelineKit
import PipelineServer
import Testing
import TestSupport

/// /openapi.json stays true: it lists exactly the routes the router serves, and every response of a
/// representative set of requests has a documented status and content type and a body that validates.
@Suite struct OpenAPITests {
    static func document(_ client: some TestClientProtocol) async throws -> JSONValue {
        try Harness.json(try await client.execute(uri: "/openapi.json", method: .get).body)
    }

    @Test func theDocumentListsExactlyTheRoutesTheRouterServes() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let openAPI = try await Self.document(client)
            var documented: Set<String> = []
            for (path, item) in openAPI["paths"]?.objectValue ?? [:] {
                for method in (item.objectValue ?? [:]).keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let served = Set(ServeRoutes.all.map { "\($0.method) \($0.path)" })
            #expect(documented == served)
            // And each documented route answers (not 404/405) through the router.
            for (method, path) in ServeRoutes.all {
                let response = try await client.execute(uri: path, method: HTTPRequest.Method(method)!)
                #expect(response.status != .notFound && response.status != .methodNotAllowed, "\(method) \(path)")
            }
        }
    }

    @Test func everyResponseHasADocumentedStatusTypeAndBody() async throws {
        let service = try Harness.service(settings: "  max_document_size: 2KB")
        try await service.application().test(.router) { client in
            let openAPI = try await Self.document(client)
            let validator = SchemaValidator(root: openAPI)
            let text: HTTPFields = [.contentType: "text/plain"]
            let requests: [(HTTPRequest.Method, String, HTTPFields, String?)] = [
                (.get, "/", [:], nil), (.get, "/healthz", [:], nil), (.get, "/metrics", [:], nil),
                (.get, "/openapi.json", [:], nil), (.get, "/v1/pipeline", [:], nil),
                (.post, "/v1/annotate", text, Harness.article),
                (.post, "/v1/annotate", [.contentType: "text/plain", .accept: "text/html"], Harness.article),
                (.post, "/v1/annotate", [.contentType: "application/json"], "{oops"),
                (.post, "/v1/annotate", [.contentType: "video/mp4"], "x"),
                (.post, "/v1/annotate", text, String(repeating: "x", count: 3000)),
                (.post, "/v1/annotate", text, "FAIL-ME"),
                (.post, "/v1/annotate", text, "SLOW-ME"),
                (.post, "/v1/annotate/batch", [.contentType: "application/x-ndjson"], #"{"id": "a", "text": "Anna Berg said so."}"#),
                (.post, "/v1/annotate/batch", text, "x"),
            ]
            for (method, path, headers, body) in requests {
                let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
                let label = "\(method) \(path) → \(response.status.code)"
                guard var spec = openAPI["paths"]?[path]?[method.rawValue.lowercased()]?["responses"]?[String(response.status.code)] else {
                    Issue.record("\(label): status not documented")
                    continue
                }
                if let ref = spec["$ref"]?.stringValue {
                    spec = ref.dropFirst(2).split(separator: "/").reduce(openAPI) { $0[String($1)] ?? .null }
                }
                let type = Self.mediaType(response.headers[.contentType] ?? "")
                guard let schema = spec["content"]?[type]?["schema"] else {
                    Issue.record("\(label): content type \(type) not documented")
                    continue
                }
                if type == "application/json" {
                    let body = try Harness.json(response.body)
                    #expect(validator.problems(body, schema: schema) == [], "\(label)")
                }
            }
        }
    }

    /// "text/html; charset=utf-8" → "text/html".
    static func mediaType(_ contentType: String) -> String {
        String(contentType.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}
