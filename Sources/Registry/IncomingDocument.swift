import Foundation
import GRDB

/// A row of the incoming register (`incoming_document`).
///
/// The Phụ lục VI metadata fields are empty until recognition or the clerk fills them.
public struct IncomingDocument: Codable, Sendable, Hashable, Identifiable {
    /// The claim id the pipeline gave the file (a UUID string).
    public var id: String
    /// Nil only for documents in `confidentialHold`, which stay out of the shared register.
    public var arrivalYear: Int?
    public var arrivalNumber: Int?
    /// Arrival date and time as stored: ISO 8601 in Vietnam time.
    public var arrivedAt: String
    public var sourceKind: SourceKind
    public var sourceName: String
    public var originalFileName: String
    public var originalSha256: String
    public var pageCount: Int
    public var status: DocumentStatus
    /// The searchable PDF/A written by the pipeline.
    public var pdfPath: String

    // Phụ lục VI fields.
    public var typeName: String?
    public var codeNumber: String?
    public var codeNotation: String?
    /// `YYYY-MM-DD`.
    public var issuedDate: String?
    /// The issuing agency (the sender).
    public var organName: String?
    public var parentOrganName: String?
    public var placeName: String?
    /// Trích yếu.
    public var subject: String?
    public var signerPosition: String?
    public var signerName: String?
    /// TM., KT., Q., TL., TUQ.
    public var signingAuthority: String?
    /// 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ.
    public var priority: Int?
    public var secrecy: String?
    public var toPlaces: String?
    /// Kính gửi.
    public var recipients: String?
    public var description: String?
    public var language: String?
    /// `YYYY-MM-DD`.
    public var dueDate: String?

    /// An "ĐẾN" arrival stamp was found on page 1 (the paper was registered elsewhere first).
    public var hasArrivalStamp: Bool?
    /// How each field was read: value, confidence, page and box (stored as JSON).
    public var fieldReadings: [String: FieldReading]
    /// Required fields a supervisor must check (stored as JSON).
    public var doubtfulFields: [String]
    /// Id of an earlier document with the same number, symbol and sender.
    public var duplicateOf: String?

    public var createdAt: String
    public var updatedAt: String

    public var arrival: ArrivalNumber? {
        guard let arrivalYear, let arrivalNumber else { return nil }
        return ArrivalNumber(year: arrivalYear, number: arrivalNumber)
    }

    public var arrivedAtDate: Date? { VietnamTime.date(iso8601: arrivedAt) }
}

extension IncomingDocument: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "incoming_document"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Columns {
        public static let id = Column("id")
        public static let arrivalYear = Column("arrival_year")
        public static let arrivalNumber = Column("arrival_number")
        public static let arrivedAt = Column("arrived_at")
        public static let originalSha256 = Column("original_sha256")
        public static let status = Column("status")
        public static let pdfPath = Column("pdf_path")
        public static let updatedAt = Column("updated_at")
    }
}
