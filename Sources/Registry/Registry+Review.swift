import Foundation
import GRDB

// MARK: - Fields a person may correct

/// A register field that the review screen shows and a clerk (or supervisor) may correct.
/// `rawValue` is the column of `incoming_document`, also the JSON key of the API.
public enum ReviewField: String, CaseIterable, Sendable, Codable {
    case codeNumber = "code_number"
    case codeNotation = "code_notation"
    case issuedDate = "issued_date"
    case organName = "organ_name"
    case parentOrganName = "parent_organ_name"
    case typeName = "type_name"
    case subject
    case placeName = "place_name"
    case signingAuthority = "signing_authority"
    case signerPosition = "signer_position"
    case signerName = "signer_name"
    case priority
    case recipients
    case toPlaces = "to_places"
    case language
    case description
    case dueDate = "due_date"

    /// Vietnamese label of the screens and the register.
    public var label: String {
        switch self {
        case .codeNumber: "Số"
        case .codeNotation: "Ký hiệu"
        case .issuedDate: "Ngày văn bản"
        case .organName: "Cơ quan ban hành"
        case .parentOrganName: "Cơ quan chủ quản"
        case .typeName: "Loại văn bản"
        case .subject: "Trích yếu"
        case .placeName: "Địa danh"
        case .signingAuthority: "Quyền hạn ký"
        case .signerPosition: "Chức vụ người ký"
        case .signerName: "Người ký"
        case .priority: "Độ khẩn"
        case .recipients: "Kính gửi"
        case .toPlaces: "Nơi nhận"
        case .language: "Ngôn ngữ"
        case .description: "Ghi chú"
        case .dueDate: "Hạn xử lý"
        }
    }

    /// Maximum length (Phụ lục VI).
    public var maxLength: Int {
        switch self {
        case .codeNumber: 11
        case .codeNotation: 30
        case .issuedDate, .dueDate: 10
        case .organName, .parentOrganName: 200
        case .typeName: 100
        case .subject, .description: 500
        case .placeName: 100
        case .signingAuthority: 10
        case .signerPosition: 100
        case .signerName: 50
        case .priority: 1
        case .recipients, .toPlaces: 1000
        case .language: 30
        }
    }

    public var isDate: Bool { self == .issuedDate || self == .dueDate }
    public var isMultiline: Bool { self == .subject || self == .toPlaces || self == .recipients || self == .description }

    /// The key of `IncomingDocument.fieldReadings` (corpus field name) this field is read from.
    public var readingKey: String? {
        switch self {
        case .codeNumber, .codeNotation: "so_ky_hieu"
        case .issuedDate: "ngay_van_ban"
        case .organName: "co_quan_ban_hanh"
        case .parentOrganName: "co_quan_chu_quan"
        case .typeName: "loai_van_ban"
        case .subject: "trich_yeu"
        case .placeName: "dia_danh"
        case .signingAuthority: "quyen_han_ky"
        case .signerPosition: "chuc_vu"
        case .signerName: "nguoi_ky"
        case .priority: "do_khan"
        case .recipients: "kinh_gui"
        case .toPlaces: "noi_nhan"
        case .language, .description, .dueDate: nil
        }
    }

    /// The current value of the field on a document, as text.
    public func value(of d: IncomingDocument) -> String? {
        switch self {
        case .codeNumber: d.codeNumber
        case .codeNotation: d.codeNotation
        case .issuedDate: d.issuedDate
        case .organName: d.organName
        case .parentOrganName: d.parentOrganName
        case .typeName: d.typeName
        case .subject: d.subject
        case .placeName: d.placeName
        case .signingAuthority: d.signingAuthority
        case .signerPosition: d.signerPosition
        case .signerName: d.signerName
        case .priority: d.priority.map(String.init)
        case .recipients: d.recipients
        case .toPlaces: d.toPlaces
        case .language: d.language
        case .description: d.description
        case .dueDate: d.dueDate
        }
    }

    /// Checks and normalises a value typed by a person: trimmed, NFC, empty → nil.
    public func normalize(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        let text = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        if text.count > maxLength { throw ReviewError.invalidValue(field: self, reason: "tối đa \(maxLength) ký tự") }
        if text.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            throw ReviewError.invalidValue(field: self, reason: "chứa ký tự điều khiển")
        }
        if isDate {
            guard ReviewDates.isValidDay(text) else {
                throw ReviewError.invalidValue(field: self, reason: "ngày phải có dạng YYYY-MM-DD, ví dụ 2024-03-05")
            }
        }
        if self == .priority {
            guard let p = Int(text), (0...4).contains(p) else {
                throw ReviewError.invalidValue(field: self, reason: "độ khẩn là 0 (thường), 1 (Khẩn), 2 (Thượng khẩn), 3 (Hỏa tốc) hoặc 4 (Hỏa tốc hẹn giờ)")
            }
        }
        return text
    }
}

/// Vietnamese names of the urgency levels (Phụ lục VI Priority).
public enum Priority {
    public static func label(_ p: Int?) -> String {
        switch p ?? 0 {
        case 1: "Khẩn"
        case 2: "Thượng khẩn"
        case 3: "Hỏa tốc"
        case 4: "Hỏa tốc hẹn giờ"
        default: "Thường"
        }
    }
}

public enum ReviewDates {
    /// `YYYY-MM-DD` naming a real calendar day.
    public static func isValidDay(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...2999).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    /// The day after `YYYY-MM-DD`.
    static func nextDay(_ s: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnamTime.timeZone
        let p = s.split(separator: "-").compactMap { Int($0) }
        let date = calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2]))!
        return VietnamTime.day(of: calendar.date(byAdding: .day, value: 1, to: date)!)
    }
}

public enum ReviewError: Error, CustomStringConvertible, Equatable {
    case unknownDocument(String)
    case unknownField(String)
    case invalidValue(field: ReviewField, reason: String)
    /// Confidential documents are never shown or changed through the register.
    case confidential
    /// The action needs the document in another status.
    case wrongStatus(actual: DocumentStatus, expected: DocumentStatus)
    /// Only a supervisor may correct a document already confirmed.
    case confirmedNeedsSupervisor
    case invalidAssignment(String)
    case unknownFailure(Int64)
    case failureAlreadyRetried(Int64)

    public var description: String {
        switch self {
        case .unknownDocument: "Không tìm thấy văn bản này trong sổ."
        case .unknownField(let f): "Trường '\(f)' không tồn tại hoặc không được sửa."
        case .invalidValue(let field, let reason): "\(field.label): \(reason)."
        case .confidential: "Văn bản mật được xử lý thủ công, không hiển thị và không sửa trên hệ thống."
        case .wrongStatus(let actual, let expected):
            "Văn bản đang ở trạng thái “\(StatusLabel.of(actual))”, thao tác này cần trạng thái “\(StatusLabel.of(expected))”."
        case .confirmedNeedsSupervisor: "Văn bản đã xác nhận: chỉ kiểm soát viên được sửa."
        case .invalidAssignment(let reason): "Phân công chưa hợp lệ: \(reason)."
        case .unknownFailure: "Không tìm thấy tệp lỗi này."
        case .failureAlreadyRetried: "Tệp này đã được đưa lại để tiếp nhận."
        }
    }
}

public enum StatusLabel {
    public static func of(_ s: DocumentStatus) -> String {
        switch s {
        case .needsReview: "Cần kiểm tra"
        case .awaitingAssignment: "Chờ phân công"
        case .assigned: "Đã phân công"
        case .confidentialHold: "Văn bản mật – xử lý thủ công"
        }
    }
}

/// Event kinds written by the review web app.
public enum ReviewEventKind {
    public static let fieldCorrected = "field_corrected"
    public static let confirmed = "confirmed"
    public static let assigned = "assigned"
    public static let confidentialHandled = "confidential_handled"
    public static let ingestRetried = "ingest_retried"
}

// MARK: - Assignment

/// One line of a leader's assignment (`document_assignment`): who handles it, as lead or support.
public struct Assignment: Codable, Sendable, Hashable {
    public var id: Int64?
    public var documentId: String
    /// A unit or a person.
    public var assignee: String
    /// `lead` (chủ trì) or `support` (phối hợp).
    public var role: String
    public var instruction: String?
    public var dueDate: String?
    public var assignedBy: String
    public var assignedAt: String
}

extension Assignment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document_assignment"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public enum Columns {
        public static let id = Column("id")
        public static let documentId = Column("document_id")
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct AssignmentRequest: Sendable, Codable {
    public var lead: String
    public var support: [String]
    public var instruction: String?
    public var dueDate: String?

    public init(lead: String, support: [String] = [], instruction: String? = nil, dueDate: String? = nil) {
        self.lead = lead
        self.support = support
        self.instruction = instruction
        self.dueDate = dueDate
    }
}

// MARK: - Queries

/// Search criteria of the search screen and `GET /api/documents`.
public struct DocumentQuery: Sendable {
    /// Full text (OCR text and the main fields), diacritics-insensitive.
    public var text: String?
    /// `15`, `15/QĐ-BNV`, or an arrival number.
    public var number: String?
    public var sender: String?
    public var typeName: String?
    /// Arrival dates `YYYY-MM-DD`, inclusive.
    public var from: String?
    public var to: String?
    public var status: DocumentStatus?
    public var limit: Int = 50
    public var offset: Int = 0
    /// Counting stops here: an exact count of a broad full-text match costs more than it tells.
    public var countLimit: Int = 500

    public init() {}
}

public struct DocumentSearchResult: Sendable {
    public var documents: [IncomingDocument]
    public var total: Int
    /// More matches than `DocumentQuery.countLimit`: `total` is that limit, not the exact count.
    public var totalCapped: Bool
    /// Document id → best matching OCR snippet (matched words between « and »).
    public var snippets: [String: String]
}

/// A line of the register book (Sổ đăng ký văn bản đến, Phụ lục IV).
public struct RegisterEntry: Sendable {
    public var document: IncomingDocument
    public var assignments: [Assignment]
}

public struct RegistryMetrics: Sendable {
    public var documentsByStatus: [DocumentStatus: Int]
    public var pages: Int
    public var failures: Int
    public var failuresPending: Int
    /// Over the most recent registered documents: seconds from receipt to commit, and their pages.
    public var recentProcessingSeconds: Double
    public var recentPages: Int
}

extension Registry {
    // MARK: Events, shared by every part of the register

    @discardableResult
    static func logEvent(documentID: String?, kind: String, actor: String, detail: [String: String], at date: Date = Date(), _ db: Database) throws -> DocumentEvent {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(detail), as: UTF8.self)
        var event = DocumentEvent(id: nil, documentId: documentID, kind: kind, actor: actor, at: VietnamTime.iso8601(date), detail: json)
        try event.insert(db)
        return event
    }

    private static func editable(_ id: String, _ db: Database) throws -> IncomingDocument {
        guard let document = try IncomingDocument.fetchOne(db, key: id) else { throw ReviewError.unknownDocument(id) }
        if document.status == .confidentialHold { throw ReviewError.confidential }
        return document
    }

    // MARK: Corrections

    /// Applies a person's corrections: one `field_corrected` event per changed field, with the
    /// old and the new value. Unchanged fields leave no trace. Documents already confirmed
    /// may be corrected only with `allowConfirmed` (a supervisor).
    public func correct(documentID: String, changes: [String: String?], actor: String, allowConfirmed: Bool, at date: Date = Date()) throws -> IncomingDocument {
        var parsed: [(ReviewField, String?)] = []
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            guard let field = ReviewField(rawValue: name) else { throw ReviewError.unknownField(name) }
            parsed.append((field, try field.normalize(value)))
        }
        return try write("correct document \(documentID)") { db in
            let document = try Self.editable(documentID, db)
            if document.status != .needsReview && !allowConfirmed { throw ReviewError.confirmedNeedsSupervisor }
            var changed = false
            for (field, new) in parsed {
                let old = field.value(of: document)
                guard old != new else { continue }
                changed = true
                let value: DatabaseValueConvertible? = field == .priority ? new.flatMap { Int($0) } : new
                try db.execute(sql: "UPDATE incoming_document SET \(field.rawValue) = ?, updated_at = ? WHERE id = ?",
                               arguments: [value, VietnamTime.iso8601(date), documentID])
                var detail = ["field": field.rawValue, "status": document.status.rawValue]
                detail["old"] = old ?? ""
                detail["new"] = new ?? ""
                try Self.logEvent(documentID: documentID, kind: ReviewEventKind.fieldCorrected, actor: actor, detail: detail, at: date, db)
            }
            return changed ? try IncomingDocument.fetchOne(db, key: documentID)! : document
        }
    }

    /// The clerk has checked the fields: needs_review → awaiting_assignment.
    public func confirm(documentID: String, actor: String, at date: Date = Date()) throws -> IncomingDocument {
        try write("confirm document \(documentID)") { db in
            var document = try Self.editable(documentID, db)
            guard document.status == .needsReview else { throw ReviewError.wrongStatus(actual: document.status, expected: .needsReview) }
            document.status = .awaitingAssignment
            document.updatedAt = VietnamTime.iso8601(date)
            try document.update(db, columns: [IncomingDocument.Columns.status, IncomingDocument.Columns.updatedAt])
            try Self.logEvent(documentID: documentID, kind: ReviewEventKind.confirmed, actor: actor, detail: [:], at: date, db)
            try Self.logEvent(documentID: documentID, kind: EventKind.statusChanged, actor: actor,
                              detail: ["from": DocumentStatus.needsReview.rawValue, "to": DocumentStatus.awaitingAssignment.rawValue], at: date, db)
            return document
        }
    }

    /// A leader's assignment: awaiting_assignment → assigned, with the lead unit or person,
    /// supporting ones, an instruction and a deadline. Audited like every change.
    public func assign(documentID: String, _ request: AssignmentRequest, actor: String, at date: Date = Date()) throws -> IncomingDocument {
        let lead = request.lead.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !lead.isEmpty else { throw ReviewError.invalidAssignment("cần đơn vị hoặc người chủ trì") }
        guard lead.count <= 200 else { throw ReviewError.invalidAssignment("tên đơn vị chủ trì quá dài") }
        let support = request.support.map { $0.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && $0 != lead }
        guard support.count <= 20, support.allSatisfy({ $0.count <= 200 }) else { throw ReviewError.invalidAssignment("danh sách phối hợp quá dài") }
        let instruction = request.instruction?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let instruction, instruction.count > 1000 { throw ReviewError.invalidAssignment("ý kiến chỉ đạo tối đa 1000 ký tự") }
        let due = try ReviewField.dueDate.normalize(request.dueDate)
        return try write("assign document \(documentID)") { db in
            var document = try Self.editable(documentID, db)
            guard document.status == .awaitingAssignment else {
                throw ReviewError.wrongStatus(actual: document.status, expected: .awaitingAssignment)
            }
            let stamp = VietnamTime.iso8601(date)
            for (name, role) in [(lead, "lead")] + support.map({ ($0, "support") }) {
                var row = Assignment(id: nil, documentId: documentID, assignee: name, role: role, instruction: instruction,
                                     dueDate: due, assignedBy: actor, assignedAt: stamp)
                try row.insert(db)
            }
            let oldDue = document.dueDate
            document.status = .assigned
            document.dueDate = due
            document.updatedAt = stamp
            try document.update(db, columns: [IncomingDocument.Columns.status, IncomingDocument.Columns.updatedAt, Column("due_date")])
            var detail = ["lead": lead, "support": support.joined(separator: "; ")]
            detail["instruction"] = instruction ?? ""
            detail["due_date"] = due ?? ""
            try Self.logEvent(documentID: documentID, kind: ReviewEventKind.assigned, actor: actor, detail: detail, at: date, db)
            if oldDue != due {
                try Self.logEvent(documentID: documentID, kind: ReviewEventKind.fieldCorrected, actor: actor,
                                  detail: ["field": "due_date", "old": oldDue ?? "", "new": due ?? "", "status": "awaiting_assignment"], at: date, db)
            }
            try Self.logEvent(documentID: documentID, kind: EventKind.statusChanged, actor: actor,
                              detail: ["from": DocumentStatus.awaitingAssignment.rawValue, "to": DocumentStatus.assigned.rawValue], at: date, db)
            return document
        }
    }

    public func assignments(documentID: String) throws -> [Assignment] {
        try read("read assignments") { db in
            try Assignment.filter(Assignment.Columns.documentId == documentID).order(Assignment.Columns.id).fetchAll(db)
        }
    }

    // MARK: Queue

    /// A queue tab: urgent first (Hỏa tốc before Khẩn), then by arrival number.
    public func queue(status: DocumentStatus, limit: Int = 50, offset: Int = 0) throws -> (documents: [IncomingDocument], total: Int) {
        precondition(status != .confidentialHold, "confidential holds have their own list")
        return try read("read the queue") { db in
            let documents = try IncomingDocument.fetchAll(db, sql: """
                SELECT * FROM incoming_document INDEXED BY incoming_document_queue
                WHERE status = ?
                ORDER BY COALESCE(priority, 0) DESC, arrival_year, arrival_number
                LIMIT ? OFFSET ?
                """, arguments: [status, limit, offset])
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incoming_document WHERE status = ?", arguments: [status]) ?? 0
            return (documents, total)
        }
    }

    /// Documents of the shared register with the same number + symbol + sender (Phụ lục VI
    /// duplicate warning), plus the pipeline's `duplicate_of`, for each given document.
    public func duplicates(of documents: [IncomingDocument]) throws -> [String: [IncomingDocument]] {
        try read("look for duplicates") { db in
            var result: [String: [IncomingDocument]] = [:]
            for d in documents where d.status != .confidentialHold {
                var found: [IncomingDocument] = []
                if let number = d.codeNumber, let notation = d.codeNotation, let organ = d.organName {
                    found = try IncomingDocument.fetchAll(db, sql: """
                        SELECT * FROM incoming_document
                        WHERE code_number = ? AND code_notation = ? AND organ_name = ? AND id <> ? AND status <> 'confidential_hold'
                        ORDER BY arrival_year, arrival_number LIMIT 5
                        """, arguments: [number, notation, organ, d.id])
                }
                if let earlier = d.duplicateOf, !found.contains(where: { $0.id == earlier }),
                   let other = try IncomingDocument.fetchOne(db, key: earlier), other.status != .confidentialHold {
                    found.insert(other, at: 0)
                }
                if !found.isEmpty { result[d.id] = found }
            }
            return result
        }
    }

    /// Confidential holds the clerk has not marked handled yet (oldest first). Only arrival time and source are meant to be shown.
    public func pendingConfidentialHolds(limit: Int = 200) throws -> [IncomingDocument] {
        try read("list confidential holds") { db in
            try IncomingDocument.fetchAll(db, sql: """
                SELECT d.* FROM incoming_document d
                WHERE d.status = 'confidential_hold'
                  AND NOT EXISTS (SELECT 1 FROM document_event e WHERE e.document_id = d.id AND e.kind = ?)
                ORDER BY d.arrived_at LIMIT ?
                """, arguments: [ReviewEventKind.confidentialHandled, limit])
        }
    }

    /// The clerk has taken the confidential document for manual registration under state-secret law.
    public func markConfidentialHandled(documentID: String, actor: String, note: String?, at date: Date = Date()) throws {
        try write("mark confidential document handled") { db in
            guard let document = try IncomingDocument.fetchOne(db, key: documentID), document.status == .confidentialHold else {
                throw ReviewError.unknownDocument(documentID)
            }
            var detail: [String: String] = [:]
            if let note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty { detail["note"] = String(note.prefix(500)) }
            try Self.logEvent(documentID: documentID, kind: ReviewEventKind.confidentialHandled, actor: actor, detail: detail, at: date, db)
        }
    }

    /// Failed files not yet handed back to the pipeline, newest first.
    public func pendingFailures(limit: Int = 200) throws -> [IngestFailure] {
        try read("list failed files") {
            try IngestFailure.filter(IngestFailure.Columns.retried == false).order(IngestFailure.Columns.id.desc).limit(limit).fetchAll($0)
        }
    }

    public func failure(id: Int64) throws -> IngestFailure? {
        try read("read failed file") { try IngestFailure.fetchOne($0, key: id) }
    }

    /// Marks a failed file retried, with an `ingest_retried` event naming who did it; `moved` does the move inside the transaction.
    public func retryFailure(id: Int64, actor: String, moved: (IngestFailure) throws -> String) throws {
        try write("retry failed file \(id)") { db in
            guard let failure = try IngestFailure.fetchOne(db, key: id) else { throw ReviewError.unknownFailure(id) }
            if failure.retried { throw ReviewError.failureAlreadyRetried(id) }
            let destination = try moved(failure)
            try IngestFailure.filter(key: id).updateAll(db, IngestFailure.Columns.retried.set(to: true))
            try Self.logEvent(documentID: nil, kind: ReviewEventKind.ingestRetried, actor: actor,
                              detail: ["failure_id": String(id), "original_file_name": failure.originalFileName, "moved_to": destination], db)
        }
    }

    // MARK: Search

    /// An FTS5 pattern for `text`, optionally restricted to one column: every word must match.
    /// Whole words only: a prefix query (`"dinh" *`) makes FTS5 merge doclists up front, which costs
    /// seconds on a common word in a large register, where whole words stream in rowid order.
    static func ftsPattern(_ text: String, column: String? = nil) -> String? {
        let words = text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .map { String(String.UnicodeScalarView($0.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })) }
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        guard !words.isEmpty else { return nil }
        let quoted = words.map { w in
            let phrase = "\"" + w.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return column.map { "\($0) : \(phrase)" } ?? phrase
        }
        return quoted.joined(separator: " AND ")
    }

    /// Search by full text and fields; confidential documents are never found. Newest arrivals first.
    ///
    /// A full-text search walks the index newest first (FTS5 returns rowids in order, so a
    /// common word like "quyết định" costs no more than the page asked for) and stops counting
    /// at `countLimit`: it never materialises every match of a broad query.
    public func findDocuments(_ q: DocumentQuery) throws -> DocumentSearchResult {
        var conditions = ["d.status <> 'confidential_hold'"]
        var arguments: [DatabaseValueConvertible?] = []
        let textPattern = q.text.flatMap { Self.ftsPattern($0) }
        if let number = q.number?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            let upper = number.precomposedStringWithCanonicalMapping.uppercased()
            if let slash = upper.firstIndex(of: "/") {
                conditions.append("d.code_number = ? AND d.code_notation LIKE ?")
                arguments += [String(upper[..<slash]), String(upper[upper.index(after: slash)...]) + "%"]
            } else if let n = Int(upper) {
                conditions.append("(d.code_number IN (?, ?) OR d.arrival_number = ?)")
                arguments += [upper, String(format: "%02d", n), n]
            } else {
                conditions.append("(d.code_number = ? OR d.code_notation LIKE ?)")
                arguments += [upper, "%" + upper + "%"]
            }
        }
        for (value, column) in [(q.sender, "organ_name"), (q.typeName, "type_name")] {
            if let value, let pattern = Self.ftsPattern(value, column: column) {
                conditions.append("d.rowid IN (SELECT rowid FROM document_field_fts WHERE document_field_fts MATCH ?)")
                arguments.append(pattern)
            }
        }
        if let from = q.from, ReviewDates.isValidDay(from) {
            conditions.append("d.arrived_at >= ?")
            arguments.append(from)
        }
        if let to = q.to, ReviewDates.isValidDay(to) {
            conditions.append("d.arrived_at < ?")
            arguments.append(ReviewDates.nextDay(to))
        }
        if let status = q.status {
            conditions.append("d.status = ?")
            arguments.append(status)
        }
        let whereClause = conditions.joined(separator: " AND ")
        return try read("search the register") { db in
            guard let textPattern else {
                let documents = try IncomingDocument.fetchAll(db, sql: """
                    SELECT d.* FROM incoming_document d WHERE \(whereClause)
                    ORDER BY d.arrival_year DESC, d.arrival_number DESC LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(arguments + [q.limit, q.offset]))
                let counted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM incoming_document d WHERE \(whereClause) LIMIT ?)",
                                               arguments: StatementArguments(arguments + [q.countLimit + 1])) ?? 0
                return DocumentSearchResult(documents: documents, total: min(counted, q.countLimit),
                                            totalCapped: counted > q.countLimit, snippets: [:])
            }
            // Matches in the OCR text (one row per page) and in the main fields, newest first.
            var best: [String: (rowid: Int64, page: Int64?)] = [:]
            let pageRows = try Row.fetchCursor(db, sql: """
                SELECT d.rowid AS r, d.id AS id, f.rowid AS page FROM document_page_fts f
                JOIN document_page p ON p.id = f.rowid
                JOIN incoming_document d ON d.id = p.document_id
                WHERE document_page_fts MATCH ? AND \(whereClause)
                ORDER BY f.rowid DESC
                """, arguments: StatementArguments([textPattern] + arguments))
            while best.count <= q.countLimit, let row = try pageRows.next() {
                let id: String = row["id"]
                if best[id] == nil { best[id] = (row["r"], row["page"]) }
            }
            let fieldRows = try Row.fetchAll(db, sql: """
                SELECT d.rowid AS r, d.id AS id FROM document_field_fts f
                JOIN incoming_document d ON d.rowid = f.rowid
                WHERE document_field_fts MATCH ? AND \(whereClause)
                ORDER BY f.rowid DESC LIMIT ?
                """, arguments: StatementArguments([textPattern] + arguments + [q.countLimit + 1]))
            for row in fieldRows {
                let id: String = row["id"]
                if best[id] == nil { best[id] = (row["r"], nil) }
            }
            let ordered = best.sorted { $0.value.rowid > $1.value.rowid }
            let slice = ordered.dropFirst(q.offset).prefix(q.limit)
            let byID = Dictionary(uniqueKeysWithValues: try IncomingDocument.fetchAll(db, keys: slice.map(\.key)).map { ($0.id, $0) })
            var snippets: [String: String] = [:]
            for (id, hit) in slice {
                guard let page = hit.page else { continue }
                snippets[id] = try String.fetchOne(db, sql: """
                    SELECT snippet(document_page_fts, 0, '«', '»', '…', 12) FROM document_page_fts
                    WHERE document_page_fts MATCH ? AND rowid = ?
                    """, arguments: [textPattern, page])
            }
            return DocumentSearchResult(documents: slice.compactMap { byID[$0.key] }, total: min(ordered.count, q.countLimit),
                                        totalCapped: ordered.count > q.countLimit, snippets: snippets)
        }
    }

    // MARK: Register book

    /// The register book for arrival dates `from`…`to` (inclusive, `YYYY-MM-DD`), in arrival-number order.
    public func registerBook(from: String, to: String, limit: Int = 10_000) throws -> [RegisterEntry] {
        try read("read the register book") { db in
            let documents = try IncomingDocument.fetchAll(db, sql: """
                SELECT * FROM incoming_document
                WHERE arrival_number IS NOT NULL AND arrived_at >= ? AND arrived_at < ?
                ORDER BY arrival_year, arrival_number LIMIT ?
                """, arguments: [from, ReviewDates.nextDay(to), limit])
            guard !documents.isEmpty else { return [] }
            var byDocument: [String: [Assignment]] = [:]
            for chunk in stride(from: 0, to: documents.count, by: 500) {
                let ids = documents[chunk..<min(chunk + 500, documents.count)].map(\.id)
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                for a in try Assignment.fetchAll(db, sql: "SELECT * FROM document_assignment WHERE document_id IN (\(marks)) ORDER BY id",
                                                 arguments: StatementArguments(ids)) {
                    byDocument[a.documentId, default: []].append(a)
                }
            }
            return documents.map { RegisterEntry(document: $0, assignments: byDocument[$0.id] ?? []) }
        }
    }

    /// Sizes of the queue tabs: documents by status (confidential holds not yet handled) and failed files not retried.
    public func queueCounts() throws -> (byStatus: [DocumentStatus: Int], failures: Int, confidential: Int) {
        try read("count the queues") { db in
            var byStatus: [DocumentStatus: Int] = [:]
            for status in [DocumentStatus.needsReview, .awaitingAssignment] {
                byStatus[status] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incoming_document WHERE status = ?", arguments: [status]) ?? 0
            }
            let failures = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_failure WHERE retried = 0") ?? 0
            let confidential = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM incoming_document d WHERE d.status = 'confidential_hold'
                  AND NOT EXISTS (SELECT 1 FROM document_event e WHERE e.document_id = d.id AND e.kind = ?)
                """, arguments: [ReviewEventKind.confidentialHandled]) ?? 0
            return (byStatus, failures, confidential)
        }
    }

    // MARK: Metrics

    public func metrics(recent: Int = 1000) throws -> RegistryMetrics {
        try read("compute metrics") { db in
            var byStatus: [DocumentStatus: Int] = Dictionary(uniqueKeysWithValues: DocumentStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM incoming_document GROUP BY status") {
                if let s = DocumentStatus(rawValue: row["status"]) { byStatus[s] = row["n"] }
            }
            let pages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document_page") ?? 0
            let failures = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_failure") ?? 0
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_failure WHERE retried = 0") ?? 0
            let row = try Row.fetchOne(db, sql: """
                SELECT SUM(MAX(0, julianday(e.at) - julianday(d.arrived_at))) * 86400 AS seconds, SUM(d.page_count) AS pages
                FROM (SELECT document_id, at FROM document_event WHERE kind = 'registered' ORDER BY id DESC LIMIT ?) e
                JOIN incoming_document d ON d.id = e.document_id
                """, arguments: [recent])
            return RegistryMetrics(documentsByStatus: byStatus, pages: pages, failures: failures, failuresPending: pending,
                                   recentProcessingSeconds: row?["seconds"] ?? 0, recentPages: row?["pages"] ?? 0)
        }
    }
}

fileprivate extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
