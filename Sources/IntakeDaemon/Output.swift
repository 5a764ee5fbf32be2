import Foundation
import Pipeline
import Registry

// What the command line prints. The JSON shapes are a contract for scripts and
// integrations: keys are snake_case and absent values are printed as null.

enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// One compact object per line (JSON Lines).
    static func printLine(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        fflush(stdout)
    }
}

/// An optional printed as `null` when absent: synthesized `Encodable` leaves the key out,
/// but the JSON shapes below promise every key.
struct Nullable<Wrapped: Encodable>: Encodable {
    var value: Wrapped?

    init(_ value: Wrapped? = nil) {
        self.value = value
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// `intake ingest`: `{"file","arrival_number","arrival_year","status","pdf","pages","error"}`.
struct IngestReport: Encodable {
    var file: String
    var arrivalNumber = Nullable<Int>()
    var arrivalYear = Nullable<Int>()
    var status: String
    var pdf = Nullable<String>()
    var pages = Nullable<Int>()
    var error = Nullable<String>()

    init(file: String, outcome: IngestOutcome) {
        self.file = file
        switch outcome {
        case let .registered(document, pageCount, _):
            arrivalNumber = Nullable(document.arrivalNumber)
            arrivalYear = Nullable(document.arrivalYear)
            status = document.status.rawValue
            // A held document has no PDF: only its original, in the restricted folder.
            pdf = Nullable(document.status == .confidentialHold ? nil : document.pdfPath)
            pages = Nullable(pageCount)
        case let .duplicate(existing, _):
            // The number of the document already registered with this content.
            arrivalNumber = Nullable(existing.arrivalNumber)
            arrivalYear = Nullable(existing.arrivalYear)
            status = "duplicate"
            pdf = Nullable(existing.pdfPath)
            pages = Nullable(existing.pageCount)
            error = Nullable("duplicate of arrival number \(existing.arrival.map(String.init(describing:)) ?? existing.id)")
        case let .failed(reason, _):
            status = "failed"
            error = Nullable(reason)
        }
    }

    enum CodingKeys: String, CodingKey {
        case file, status, pdf, pages, error
        case arrivalNumber = "arrival_number", arrivalYear = "arrival_year"
    }
}

/// A row of `intake list --json`.
struct DocumentSummary: Encodable {
    var id: String
    var arrivalNumber: Nullable<Int>
    var arrivalYear: Nullable<Int>
    var arrivedAt: String
    var status: String
    var source: String
    var originalFileName: String
    var sha256: String
    var pages: Int
    var pdf: String

    init(_ d: IncomingDocument) {
        id = d.id
        arrivalNumber = Nullable(d.arrivalNumber)
        arrivalYear = Nullable(d.arrivalYear)
        arrivedAt = d.arrivedAt
        status = d.status.rawValue
        source = "\(d.sourceKind.rawValue):\(d.sourceName)"
        originalFileName = d.originalFileName
        sha256 = d.originalSha256
        pages = d.pageCount
        pdf = d.pdfPath
    }

    enum CodingKeys: String, CodingKey {
        case id, status, source, sha256, pages, pdf
        case arrivalNumber = "arrival_number", arrivalYear = "arrival_year", arrivedAt = "arrived_at"
        case originalFileName = "original_file_name"
    }
}

/// `intake show --json`: the document, its pages with OCR text, and its event history.
struct DocumentDetail: Encodable {
    var document: DocumentSummary
    var pages: [Page]
    var events: [Event]

    struct Page: Encodable {
        var number: Int
        var meanConfidence: Double
        var width: Int
        var height: Int
        var dpi: Int
        var rotation: Int
        var text: String

        enum CodingKeys: String, CodingKey {
            case number, width, height, dpi, rotation, text
            case meanConfidence = "mean_confidence"
        }
    }

    struct Event: Encodable {
        var kind: String
        var actor: String
        var at: String
        var detail: String
    }

    init(document: IncomingDocument, pages: [DocumentPage], events: [DocumentEvent]) {
        self.document = DocumentSummary(document)
        self.pages = pages.map {
            Page(number: $0.pageNumber, meanConfidence: $0.meanConfidence, width: $0.width, height: $0.height,
                 dpi: $0.dpi, rotation: $0.rotation, text: $0.ocrText ?? "")
        }
        self.events = events.map { Event(kind: $0.kind, actor: $0.actor, at: $0.at, detail: $0.detail) }
    }
}

/// A hit of `intake search --json`.
struct SearchResult: Encodable {
    var document: DocumentSummary
    var snippet: String

    init(_ hit: SearchHit) {
        document = DocumentSummary(hit.document)
        snippet = hit.snippet
    }
}

/// A row of `intake failures --json`.
struct FailureReport: Encodable {
    var failedAt: String
    var source: String
    var file: String
    var reason: String
    var storedAt: Nullable<String>

    init(_ f: IngestFailure) {
        failedAt = f.failedAt
        source = f.sourceName
        file = f.originalFileName
        reason = f.reason
        storedAt = Nullable(f.storedPath)
    }

    enum CodingKeys: String, CodingKey {
        case source, file, reason
        case failedAt = "failed_at", storedAt = "stored_at"
    }
}

enum TextOutput {
    static func printTable(_ documents: [IncomingDocument]) {
        if documents.isEmpty {
            print("(no documents)")
            return
        }
        print(pad("SỐ ĐẾN", 12) + pad("NGÀY ĐẾN", 27) + pad("TRẠNG THÁI", 21) + pad("TRANG", 6) + "TỆP GỐC")
        for d in documents {
            print(pad(d.arrival.map(String.init(describing:)) ?? "—", 12) + pad(d.arrivedAt, 27)
                + pad(d.status.rawValue, 21) + pad(String(d.pageCount), 6) + d.originalFileName)
        }
    }

    static func printDetail(_ d: IncomingDocument, pages: [DocumentPage], events: [DocumentEvent]) {
        print("Số đến:      \(d.arrival.map(String.init(describing:)) ?? "—")")
        print("Ngày đến:    \(d.arrivedAt)")
        print("Trạng thái:  \(d.status.rawValue)")
        print("Nguồn:       \(d.sourceKind.rawValue): \(d.sourceName)")
        print("Tệp gốc:     \(d.originalFileName)")
        print("SHA-256:     \(d.originalSha256)")
        print("Số trang:    \(d.pageCount)")
        print("PDF:         \(d.pdfPath)")
        for page in pages {
            print("\n--- Trang \(page.pageNumber) (độ tin cậy \(Int(page.meanConfidence.rounded())) %) ---")
            print(page.ocrText ?? "")
        }
        print("\nLịch sử:")
        for e in events { print("  \(e.at)  \(e.actor)  \(e.kind)  \(e.detail)") }
    }

    static func printHits(_ hits: [SearchHit]) {
        if hits.isEmpty {
            print("(no match)")
            return
        }
        for hit in hits {
            let arrival = hit.document.arrival.map(String.init(describing:)) ?? "—"
            print("\(pad(arrival, 12))\(hit.document.originalFileName)\n    \(hit.snippet.replacingOccurrences(of: "\n", with: " "))")
        }
    }

    /// Pads by characters (Vietnamese headers are not ASCII).
    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
