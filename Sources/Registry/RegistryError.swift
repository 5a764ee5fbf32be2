import GRDB

public enum RegistryError: Error, CustomStringConvertible {
    /// A file with the same SHA-256 is already in the register.
    case duplicate(existing: IncomingDocument)
    /// This claim id was already registered: a previous run committed but did not finish
    /// archiving the file. The pipeline's recovery just completes the remaining steps.
    case alreadyRegistered(IncomingDocument)
    /// The claim id is taken by a document with different content.
    case claimIDConflict(id: String, existing: IncomingDocument)
    /// `register` was given a confidential document; use `holdConfidential`.
    case confidentialDocument(id: String)
    /// `holdConfidential` was given a document that is not confidential.
    case notConfidential(id: String, status: DocumentStatus)
    case invalidDocument(id: String, reason: String)
    case unknownDocument(id: String)
    case unknownFailure(id: Int64)
    case invalidStatusChange(id: String, from: DocumentStatus, to: DocumentStatus)
    case cannotOpen(path: String, reason: String)
    case database(action: String, path: String, underlying: DatabaseError)

    public var description: String {
        switch self {
        case .duplicate(let existing):
            let number = existing.arrival.map { "arrival number \($0)" } ?? "held as confidential"
            return "Duplicate: this file (SHA-256 \(existing.originalSha256.prefix(12))…) was already received on \(existing.arrivedAt) as \"\(existing.originalFileName)\", \(number)."
        case .alreadyRegistered(let document):
            let number = document.arrival.map { "arrival number \($0)" } ?? "held as confidential"
            return "Document \(document.id) is already registered (\(number)); finishing the interrupted intake."
        case .claimIDConflict(let id, let existing):
            return "Claim id \(id) is already used by a different file (\"\(existing.originalFileName)\"); the pipeline must give each file its own id."
        case .confidentialDocument(let id):
            return "Document \(id) is confidential: it must not receive an arrival number in the shared register and is held for manual handling."
        case .notConfidential(let id, let status):
            return "Document \(id) has status \(status.rawValue), not confidential_hold; register it instead of holding it."
        case .invalidDocument(let id, let reason):
            return "Document \(id) cannot be registered: \(reason)."
        case .unknownDocument(let id):
            return "No document with id \(id) in the register."
        case .unknownFailure(let id):
            return "No failed file with id \(id) in the register."
        case .invalidStatusChange(let id, let from, let to):
            return "Document \(id) cannot change from \(from.rawValue) to \(to.rawValue): confidential documents never enter the shared register, and registered ones never leave it."
        case .cannotOpen(let path, let reason):
            return "Cannot open the register at \(path): \(reason)."
        case .database(let action, let path, let underlying):
            let hint = underlying.resultCode == .SQLITE_BUSY
                ? " (another intake process held the register too long; try again)" : ""
            return "Could not \(action) in the register at \(path): \(underlying.message ?? "\(underlying.resultCode)")\(hint)."
        }
    }
}
