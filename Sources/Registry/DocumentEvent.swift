import Foundation
import GRDB

/// An entry of the append-only history (`document_event`): who did what, when.
public struct DocumentEvent: Codable, Sendable, Hashable {
    public var id: Int64?
    /// Nil for events about a file that never became a document (e.g. `ingest_failed`).
    public var documentId: String?
    public var kind: String
    /// `system`, or the user name of a clerk.
    public var actor: String
    /// ISO 8601 in Vietnam time.
    public var at: String
    /// A JSON object of strings.
    public var detail: String

    /// `detail` decoded; empty if it is not a JSON object of strings.
    public var details: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))) ?? [:]
    }
}

extension DocumentEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document_event"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Columns {
        public static let id = Column("id")
        public static let documentId = Column("document_id")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Event kinds written by the registry; other modules may add their own.
public enum EventKind {
    public static let registered = "registered"
    public static let confidentialHeld = "confidential_held"
    public static let duplicateReceived = "duplicate_received"
    /// Same number, symbol and sender (and date) as a document registered earlier this year.
    public static let possibleDuplicate = "possible_duplicate"
    public static let ingestFailed = "ingest_failed"
    public static let recovered = "recovered"
    public static let statusChanged = "status_changed"
}
