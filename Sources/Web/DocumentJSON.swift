import Foundation
import Registry

/// One field of a document as the API and the review screen show it.
struct FieldJSON: Encodable {
    var label: String
    var value: String?
    /// What recognition read, when it differs from the current value (the field was corrected).
    var readValue: String?
    var confidence: Double?
    var page: Int?
    /// [x, y, width, height] in pixels of the upright page at the scan resolution.
    var box: [Int]?
    var doubtful: Bool
}

struct PageJSON: Encodable {
    var number: Int
    var width: Int
    var height: Int
    var dpi: Int
    var rotation: Int
    var meanConfidence: Double
    var imageUrl: String
}

struct DocumentRef: Encodable {
    var id: String
    var arrival: String?
    var arrivedAt: String
    var status: String
}

struct AssignmentJSON: Encodable {
    var assignee: String
    var role: String
    var instruction: String?
    var dueDate: String?
    var assignedBy: String
    var assignedAt: String
}

struct DocumentJSON: Encodable {
    var id: String
    var arrival: String?
    var arrivalNumber: Int?
    var arrivalYear: Int?
    var arrivedAt: String
    var status: String
    var statusLabel: String
    var priority: Int
    var priorityLabel: String
    var sourceKind: String
    var sourceName: String
    var originalFileName: String
    var pageCount: Int
    var hasArrivalStamp: Bool?
    var fields: [String: FieldJSON]
    var doubtfulFields: [String]
    var readings: [String: FieldReading]
    var duplicates: [DocumentRef]
    var pages: [PageJSON]
    var assignments: [AssignmentJSON]
    var pdfUrl: String
    var updatedAt: String

    init(_ d: IncomingDocument, pages: [DocumentPage], duplicates: [IncomingDocument], assignments: [Assignment]) {
        id = d.id
        arrival = d.arrival?.description
        arrivalNumber = d.arrivalNumber
        arrivalYear = d.arrivalYear
        arrivedAt = d.arrivedAt
        status = d.status.rawValue
        statusLabel = StatusLabel.of(d.status)
        priority = d.priority ?? 0
        priorityLabel = Priority.label(d.priority)
        sourceKind = d.sourceKind.rawValue
        sourceName = d.sourceName
        originalFileName = d.originalFileName
        pageCount = d.pageCount
        hasArrivalStamp = d.hasArrivalStamp
        fields = Dictionary(uniqueKeysWithValues: ReviewField.allCases.map { ($0.rawValue, Self.field($0, of: d)) })
        doubtfulFields = d.doubtfulFields
        readings = d.fieldReadings
        self.duplicates = duplicates.map(DocumentRef.init)
        self.pages = pages.map { PageJSON(p: $0, documentID: d.id) }
        self.assignments = assignments.map {
            AssignmentJSON(assignee: $0.assignee, role: $0.role, instruction: $0.instruction, dueDate: $0.dueDate,
                           assignedBy: $0.assignedBy, assignedAt: $0.assignedAt)
        }
        pdfUrl = "/api/documents/\(d.id)/pdf"
        updatedAt = d.updatedAt
    }

    static func field(_ f: ReviewField, of d: IncomingDocument) -> FieldJSON {
        let value = f.value(of: d)
        let reading = f.readingKey.flatMap { d.fieldReadings[$0] }
        var read = reading?.value ?? reading?.values?.joined(separator: "\n")
        // so_ky_hieu reads "15/QĐ-BNV": compare with the part the field holds.
        if f == .codeNumber || f == .codeNotation, let r = read, let slash = r.firstIndex(of: "/") {
            read = f == .codeNumber ? String(r[..<slash]) : String(r[r.index(after: slash)...])
        }
        let doubtful = f.readingKey.map { d.doubtfulFields.contains($0) } ?? false
        return FieldJSON(label: f.label, value: value, readValue: read == value ? nil : read,
                         confidence: reading?.confidence, page: reading?.page, box: reading?.box, doubtful: doubtful)
    }
}

extension PageJSON {
    init(p: DocumentPage, documentID: String) {
        self.init(number: p.pageNumber, width: p.width, height: p.height, dpi: p.dpi, rotation: p.rotation,
                  meanConfidence: p.meanConfidence, imageUrl: "/api/documents/\(documentID)/pages/\(p.pageNumber).jpg")
    }
}

extension DocumentRef {
    init(_ d: IncomingDocument) {
        self.init(id: d.id, arrival: d.arrival?.description, arrivedAt: d.arrivedAt, status: d.status.rawValue)
    }
}

/// A row of a list (queue, search).
struct DocumentSummaryJSON: Encodable {
    var id: String
    var arrival: String?
    var arrivalNumber: Int?
    var arrivalYear: Int?
    var arrivedAt: String
    var status: String
    var priority: Int
    var priorityLabel: String
    var typeName: String?
    var codeNumber: String?
    var codeNotation: String?
    var issuedDate: String?
    var organName: String?
    var subject: String?
    var pageCount: Int
    var doubtfulFields: [String]
    var duplicates: [DocumentRef]
    var snippet: String?

    init(_ d: IncomingDocument, duplicates: [IncomingDocument] = [], snippet: String? = nil) {
        id = d.id
        arrival = d.arrival?.description
        arrivalNumber = d.arrivalNumber
        arrivalYear = d.arrivalYear
        arrivedAt = d.arrivedAt
        status = d.status.rawValue
        priority = d.priority ?? 0
        priorityLabel = Priority.label(d.priority)
        typeName = d.typeName
        codeNumber = d.codeNumber
        codeNotation = d.codeNotation
        issuedDate = d.issuedDate
        organName = d.organName
        subject = d.subject
        pageCount = d.pageCount
        doubtfulFields = d.doubtfulFields
        self.duplicates = duplicates.map(DocumentRef.init)
        self.snippet = snippet
    }
}

struct DocumentListJSON: Encodable {
    var documents: [DocumentSummaryJSON]
    var total: Int
    /// `total` stopped counting at its limit: there are more.
    var totalCapped: Bool
    var page: Int
    var pageSize: Int
}

struct EventJSON: Encodable {
    var id: Int64?
    var kind: String
    var actor: String
    var at: String
    var detail: [String: String]

    init(_ e: DocumentEvent) {
        id = e.id
        kind = e.kind
        actor = e.actor
        at = e.at
        detail = e.details
    }
}

