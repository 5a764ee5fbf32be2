import Foundation
import GRDB

/// A file the pipeline could not register (`ingest_failure`), listed on the review screen.
public struct IngestFailure: Codable, Sendable, Hashable {
    public var id: Int64?
    public var sourceName: String
    public var originalFileName: String
    /// Nil when the file could not even be read.
    public var sha256: String?
    /// A message for the clerk.
    public var reason: String
    /// ISO 8601 in Vietnam time.
    public var failedAt: String
    /// Where the pipeline moved the rejected file.
    public var storedPath: String?
    public var retried: Bool
}

extension IngestFailure: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ingest_failure"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Columns {
        public static let id = Column("id")
        public static let retried = Column("retried")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

public struct NewIngestFailure: Sendable {
    public var sourceName: String
    public var originalFileName: String
    public var sha256: String?
    public var reason: String
    public var storedPath: String?
    public var failedAt: Date

    public init(sourceName: String, originalFileName: String, sha256: String?, reason: String, storedPath: String?, failedAt: Date = Date()) {
        self.sourceName = sourceName
        self.originalFileName = originalFileName
        self.sha256 = sha256
        self.reason = reason
        self.storedPath = storedPath
        self.failedAt = failedAt
    }
}
