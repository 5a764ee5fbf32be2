import Foundation
import Registry

/// Prometheus text exposition (version 0.0.4), computed from the register at each scrape.
enum MetricsText {
    static func render(_ m: RegistryMetrics) -> String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(String, Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples {
                let v = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
                out += "\(name)\(labels) \(v)\n"
            }
        }
        metric("intake_documents", "gauge", "Documents in the register by status.",
               DocumentStatus.allCases.map { ("{status=\"\($0.rawValue)\"}", Double(m.documentsByStatus[$0] ?? 0)) })
        metric("intake_pages_ocred_total", "counter", "Pages recognised and stored.", [("", Double(m.pages))])
        metric("intake_ingest_failures_total", "counter", "Files that could not be registered.", [("", Double(m.failures))])
        metric("intake_ingest_failures_pending", "gauge", "Failed files not yet retried.", [("", Double(m.failuresPending))])
        let perPage = m.recentPages > 0 ? m.recentProcessingSeconds / Double(m.recentPages) : 0
        metric("intake_seconds_per_page", "gauge",
               "Mean seconds from receipt to registration per page, over the last 1000 registered documents.",
               [("", (perPage * 1000).rounded() / 1000)])
        metric("intake_recent_processing_seconds", "gauge", "Seconds from receipt to registration, summed over the last 1000 registered documents.",
               [("", (m.recentProcessingSeconds * 1000).rounded() / 1000)])
        metric("intake_recent_pages", "gauge", "Pages of the last 1000 registered documents.", [("", Double(m.recentPages))])
        return out
    }
}
