import Foundation
import Hummingbird
import PipelineKit
import Prometheus

/// The service's Prometheus metrics, served at `GET /metrics`:
///
/// - `pipeline_http_requests_total{route, method, status}`
/// - `pipeline_http_request_duration_seconds{route}` (histogram)
/// - `pipeline_documents_total{outcome}`: annotated, failed (422), timed_out (504)
/// - `pipeline_rejections_total{reason}`: queue_full, too_large, unsupported_type, bad_json, unauthorized
/// - `pipeline_requests_in_flight`: admitted annotation requests, running or waiting
/// - `pipeline_requests_accepted_total`, `pipeline_requests_answered_total`, `pipeline_requests_cut_total`:
///   requests read, answered in full, and whose answer could not be written (the client went away); on
///   SIGTERM the server logs the same counts, and accepted = answered + cut once it has drained
///
/// A registry of its own (no global `MetricsSystem`), so several servers in one process (tests) stay apart.
final class ServeMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let accepted: Counter
    private let answered: Counter
    private let cut: Counter
    private let ledger = Locked(Ledger())

    /// Requests whose head the server read, and what became of them: every accepted request ends as
    /// answered (its whole response written) or cut (the write failed: the client closed the connection).
    struct Ledger: Equatable, CustomStringConvertible {
        var accepted = 0
        var answered = 0
        var cut = 0
        var description: String { "\(accepted) accepted, \(answered) answered, \(cut) cut" }
    }
    private let counters = Locked<[String: Counter]>([:])
    private let histograms = Locked<[String: DurationHistogram]>([:])

    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    init() {
        inFlight = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "pipeline", metricName: "requests_in_flight", unitName: "",
            helpText: "Annotation requests admitted and not yet answered (running or waiting)."))
        let registry = self.registry
        func make(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "pipeline", metricName: name, unitName: "total", helpText: help))
        }
        accepted = make("requests_accepted", "Requests read by the server, on any route.")
        answered = make("requests_answered", "Requests whose whole response was written.")
        cut = make("requests_cut", "Requests whose response could not be written in full (the client went away).")
    }

    /// The counts so far; after a drain, `accepted == answered + cut`.
    var ledgerCounts: Ledger { ledger.withLock { $0 } }

    func accept() {
        ledger.withLock { $0.accepted += 1 }
        accepted.increment()
    }

    /// The request's response was written in full (`complete`) or broke off.
    func finish(complete: Bool) {
        ledger.withLock { complete ? ($0.answered += 1) : ($0.cut += 1) }
        (complete ? answered : cut).increment()
    }

    func setInFlight(_ n: Int) { inFlight.set(Double(n)) }

    func request(route: String, method: String, status: Int, duration: Duration) {
        counter("http_requests", "total", "HTTP requests by route, method and status.",
                [("route", route), ("method", method), ("status", String(status))]).increment()
        let histogram = histograms.withLock { cache in
            if let h = cache[route] { return h }
            let h = registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(namespace: "pipeline", metricName: "http_request_duration", unitName: "seconds",
                                                 helpText: "Time from request to response head, by route."),
                labels: [("route", route)], buckets: Self.latencyBuckets)
            cache[route] = h
            return h
        }
        histogram.record(duration)
    }

    func document(_ outcome: String) {
        counter("documents", "total", "Documents by outcome: annotated, failed (a step failed), timed_out (step_timeout).",
                [("outcome", outcome)]).increment()
    }

    func rejection(_ reason: String) {
        counter("rejections", "total", "Requests turned away before annotation, by reason.", [("reason", reason)]).increment()
    }

    private func counter(_ name: String, _ unit: String, _ help: String, _ labels: [(String, String)]) -> Counter {
        let key = name + labels.map { "\u{1}" + $0.1 }.joined()
        return counters.withLock { cache in
            if let c = cache[key] { return c }
            let c = registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "pipeline", metricName: name, unitName: unit, helpText: help),
                labels: labels)
            cache[key] = c
            return c
        }
    }

    /// The Prometheus text exposition format.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
