import Foundation
import Hummingbird
import HummingbirdTesting
import PipelineKit
import PipelineServer
import Testing
import TestSupport

/// Every route and every status `pipeline serve` answers with, through the router (no sockets).
@Suite struct RouteTests {
    static func body(_ s: String) -> ByteBuffer { ByteBuffer(string: s) }

    @Test func annotatingPlainTextGivesTheDocumentInTheExportSchema() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/annotate?id=leeds", method: .post,
                                                    headers: [.contentType: "text/plain"], body: Self.body(Harness.article))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let document = try Harness.json(response.body)
            let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: SharedData.repositoryRoot.appendingPathComponent("docs/output.schema.json")))
            #expect(SchemaValidator(root: schema).problems(document) == [])
            #expect(document["id"] == .string("leeds"))
            let people = document["entities"]?.arrayValue?.filter { $0["label"] == .string("PERSON") }.compactMap { $0["text"]?.stringValue } ?? []
            #expect(people.contains("John Carter"))
            let speakers = document["quotes"]?.arrayValue?.compactMap { $0["speaker"]?["name"]?.stringValue } ?? []
            #expect(speakers.contains { $0.contains("Carter") }, "quotes: \(document["quotes"]?.displayString ?? "none")")
        }
    }

    @Test func htmlMarkdownAndJSONBodiesAreReadByTheirType() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let html = "<html><head><title>Leeds police</title></head><body><article><h1>Leeds police</h1><p>\(Harness.article)</p></article></body></html>"
            let cases: [(String, String, String)] = [
                ("text/html; charset=utf-8", html, "Leeds"),
                ("text/markdown", "# Leeds police\n\n\(Harness.article)", "Leeds"),
                ("application/json", #"{"id": "j1", "text": "Mayor Anna Berg said the bridge would open in May."}"#, "Anna Berg"),
                ("application/json", try String(decoding: JSONEncoder().encode(["id": "h1", "html": html]), as: UTF8.self), "Carter"),
            ]
            for (type, body, expected) in cases {
                let response = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: type], body: Self.body(body))
                #expect(response.status == .ok, "\(type): \(String(buffer: response.body))")
                let document = try Harness.json(response.body)
                #expect(document["text"]?.stringValue?.contains(expected) == true, "\(type)")
                #expect(document["text"]?.stringValue?.contains("<") == false, "\(type): markup left in the text")
            }
            let json = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "application/json"],
                                                body: Self.body(#"{"id": "j1", "text": "Mayor Anna Berg said it."}"#))
            #expect(try Harness.json(json.body)["id"] == .string("j1"))
        }
    }

    @Test func acceptingHTMLGivesTheReportsViewOfTheDocument() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/annotate", method: .post,
                                                    headers: [.contentType: "text/plain", .accept: "text/html"], body: Self.body(Harness.article))
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.contains("<mark class=\"e l-PERSON"))
            #expect(html.contains("<sup class=\"who\">"))
            #expect(html.contains("<table class=\"entity-table\">"))
        }
    }

    @Test func exportStepsDoNotRunAndThePipelineRouteSaysSo() async throws {
        let folder = Harness.folder()
        let service = try Harness.service(folder: folder)
        try await service.application().test(.router) { client in
            _ = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"], body: Self.body(Harness.article))
            let response = try await client.execute(uri: "/v1/pipeline", method: .get)
            #expect(response.status == .ok)
            let steps = try Harness.json(response.body)["steps"]?.arrayValue ?? []
            #expect(steps.map { $0["uses"]?.stringValue ?? "" } == ["parse", "extract-entities", "extract-quotes", "faulty", "export"])
            #expect(steps.map { $0["runs_per_request"] } == [.bool(true), .bool(true), .bool(true), .bool(true), .bool(false)])
        }
        await service.shutdown()
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(written.isEmpty, "export wrote \(written)")
    }

    @Test func malformedJSONIs400AndAnUnsupportedTypeIs415() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let cases: [(HTTPFields, String, HTTPResponse.Status, String)] = [
                ([.contentType: "application/json"], #"{"id": "x", "text": "unterminated"#, .badRequest, "bad_json"),
                ([.contentType: "application/json"], #"["a list"]"#, .badRequest, "bad_json"),
                ([.contentType: "application/json"], #"{"id": "x", "body": "no text field"}"#, .badRequest, "bad_json"),
                ([.contentType: "application/pdf"], "%PDF-1.4", .unsupportedMediaType, "unsupported_type"),
                ([:], "no content type", .unsupportedMediaType, "unsupported_type"),
            ]
            for (headers, body, status, code) in cases {
                let response = try await client.execute(uri: "/v1/annotate", method: .post, headers: headers, body: Self.body(body))
                #expect(response.status == status, "\(body)")
                let error = try Harness.json(response.body)["error"]
                #expect(error?["code"] == .string(code))
                #expect(error?["message"]?.stringValue?.isEmpty == false)
            }
        }
    }

    @Test func aBodyOverMaxDocumentSizeIs413() async throws {
        let service = try Harness.service(settings: "  max_document_size: 1KB")
        try await service.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"],
                                                    body: Self.body(String(repeating: "Words and more words. ", count: 100)))
            #expect(response.status == .contentTooLarge)
            let error = try Harness.json(response.body)["error"]
            #expect(error?["code"] == .string("too_large"))
            #expect(error?["message"]?.stringValue?.contains("max_document_size") == true)
        }
    }

    @Test func aStepThatFailsIs422NamingTheStepAndTheServerGoesOn() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"],
                                                    body: Self.body("This article says FAIL-ME in its text."))
            #expect(response.status == .unprocessableContent)
            let error = try Harness.json(response.body)["error"]
            #expect(error?["step"] == .string("faulty"))
            #expect(error?["message"] == .string("the document asked to fail"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let next = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"], body: Self.body(Harness.article))
            #expect(next.status == .ok)
        }
    }

    @Test func aDocumentOverStepTimeoutIs504NamingTheStep() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"],
                                                    body: Self.body("This one is SLOW-ME and never ends."))
            #expect(response.status == .gatewayTimeout)
            let error = try Harness.json(response.body)["error"]
            #expect(error?["code"] == .string("step_timeout"))
            #expect(error?["step"] == .string("faulty"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func moreRequestsThanTheQueueHoldsIs503WithRetryAfter() async throws {
        let service = try Harness.service(stepTimeout: "30s", jobs: 1, queue: 0)
        HoldGate.close()
        defer { HoldGate.open() }
        try await service.application().test(.router) { client in
            async let held = client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"],
                                            body: Self.body("A long meeting: HOLD-ME."))
            try await HoldGate.untilHolding()
            let refused = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"],
                                                   body: Self.body(Harness.article))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(try Harness.json(refused.body)["error"]?["code"] == .string("queue_full"))
            HoldGate.open()
            #expect(try await held.status == .ok)
            // The place is given back: the next request is served.
            let after = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"], body: Self.body(Harness.article))
            #expect(after.status == .ok)
        }
    }

    @Test func aTokenIsNeededOnEveryRouteButHealthz() async throws {
        let service = try Harness.service(token: "s3cret")
        try await service.application().test(.router) { client in
            for (method, path) in ServeRoutes.all where path != "/healthz" {
                let response = try await client.execute(uri: path, method: HTTPRequest.Method(method)!)
                #expect(response.status == .unauthorized, "\(method) \(path)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(try Harness.json(response.body)["error"]?["code"] == .string("unauthorized"))
            }
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let wrong = try await client.execute(uri: "/v1/pipeline", method: .get, headers: [.authorization: "Bearer s3cres"])
            #expect(wrong.status == .unauthorized)
            let right = try await client.execute(uri: "/v1/pipeline", method: .get, headers: [.authorization: "Bearer s3cret"])
            #expect(right.status == .ok)
        }
    }

    @Test func anUnknownRouteIsAJSON404() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let response = try await client.execute(uri: "/v2/annotate", method: .post)
            #expect(response.status == .notFound)
            #expect(try Harness.json(response.body)["error"]?["code"] == .string("not_found"))
        }
    }

    @Test func aBatchAnswersEveryLineInInputOrderWithErrorsInPlace() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            let lines = [
                #"{"id": "a", "text": "Mayor Anna Berg said the bridge would open in May."}"#,
                #"{"id": "b", "text": "This FAIL-ME line fails in a step."}"#,
                "",
                #"{"id": "c", "text": broken json"#,
                #"{"text": "Chief John Carter said so on Monday."}"#,
                #"{"id": "e", "html": "<html><body><p>Minister Sara Lind spoke in Oslo on Friday.</p></body></html>"}"#,
            ]
            let response = try await client.execute(uri: "/v1/annotate/batch", method: .post,
                                                    headers: [.contentType: "application/x-ndjson"],
                                                    body: Self.body(lines.joined(separator: "\n") + "\n"))
            #expect(response.status == .ok)
            let out = String(buffer: response.body).split(separator: "\n").map { try! JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            #expect(out.count == 5)
            guard out.count == 5 else { return }
            #expect(out[0]["id"] == .string("a"))
            #expect(out[1]["error"]?["step"] == .string("faulty"))
            #expect(out[1]["line"] == .int(2))
            #expect(out[1]["id"] == .string("b"))
            #expect(out[2]["error"]?["code"] == .string("bad_json"))
            #expect(out[2]["line"] == .int(4))
            #expect(out[3]["id"] == .string("5"))
            #expect(out[4]["id"] == .string("e"))
            #expect(out[4]["text"]?.stringValue?.contains("Sara Lind") == true)
        }
    }

    @Test func metricsCountRequestsDocumentsAndRejections() async throws {
        let service = try Harness.service()
        try await service.application().test(.router) { client in
            _ = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"], body: Self.body(Harness.article))
            _ = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "text/plain"], body: Self.body("FAIL-ME"))
            _ = try await client.execute(uri: "/v1/annotate", method: .post, headers: [.contentType: "image/png"], body: Self.body("x"))
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains(#"pipeline_http_requests_total{route="/v1/annotate",method="POST",status="200"} 1"#))
            #expect(text.contains(#"pipeline_http_requests_total{route="/v1/annotate",method="POST",status="422"} 1"#))
            #expect(text.contains(#"pipeline_documents_total{outcome="annotated"} 1"#))
            #expect(text.contains(#"pipeline_documents_total{outcome="failed"} 1"#))
            #expect(text.contains(#"pipeline_rejections_total{reason="unsupported_type"} 1"#))
            #expect(text.contains(#"pipeline_http_request_duration_seconds_bucket{route="/v1/annotate""#))
            #expect(text.contains("pipeline_requests_in_flight 0"))
            // Four requests read (this one too), three answered in full so far: this one is still being written.
            #expect(text.contains("pipeline_requests_accepted_total 4"))
            #expect(text.contains("pipeline_requests_answered_total 3"))
            #expect(text.contains("pipeline_requests_cut_total 0"))
        }
    }
}
