import GRDB

/// One scanned page of an incoming document and its recognised text (`document_page`).
public struct DocumentPage: Codable, Sendable, Hashable {
    /// Also the rowid of the page in the full-text index.
    public var id: Int64?
    public var documentId: String
    public var pageNumber: Int
    /// Nil for documents in `confidentialHold`: their text is kept out of the register.
    public var ocrText: String?
    public var meanConfidence: Double
    public var width: Int
    public var height: Int
    public var dpi: Int
    public var rotation: Int
}

extension DocumentPage: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document_page"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Columns {
        public static let documentId = Column("document_id")
        public static let pageNumber = Column("page_number")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
