import GRDB

/// Where an incoming document stands in the clerk's workflow.
public enum DocumentStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Registered; the clerk has to check the recognised metadata.
    case needsReview = "needs_review"
    /// Checked; waiting for the leader to assign it (phân công xử lý).
    case awaitingAssignment = "awaiting_assignment"
    case assigned
    /// Carries a secrecy mark (or is a denunciation letter): it has no arrival number,
    /// is not searchable and waits for the clerk's manual handling under state-secret law.
    case confidentialHold = "confidential_hold"
}

/// Where the scanned file came from.
public enum SourceKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case folder
    case scanner
    case cli
}
