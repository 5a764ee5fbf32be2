import Foundation

/// A document the daemon has taken responsibility for: it now lives in the
/// work folder at `workPath` and no longer in the watch folder.
public struct ClaimedFile: Codable, Sendable, Hashable {
    public let id: String
    public let folderName: String
    public let profile: String
    /// Display form (escaped) of the name it had in the watch folder.
    public let originalName: String
    public let originalNameBytes: [UInt8]
    /// Display form of where it came from.
    public let sourcePath: String
    /// The file inside the work folder (`work/<id>/<safe name>`).
    public let workPath: String
    public let sha256: String
    public let size: Int64
    public let claimedAt: Date
    /// Claimed from a stack folder: a file of several documents, to be split.
    public var isStack: Bool = false
    /// For a document cut out of a stack: the id of the stack's own claim. Recovery leaves
    /// such a claim to its stack while the stack's claim is still in the work folder.
    public var parentID: String? = nil
}

/// `claim.json`: the claim plus what recovery needs. Written before every
/// step that moves the file, so a restart knows what was under way.
struct ClaimManifest: Codable {
    enum Stage: String, Codable {
        /// The file may still be at `sourcePathBytes` or already in the claim directory.
        case claiming
        /// The file is in the claim directory and hashed.
        case claimed
        /// Being moved to `destinationBytes` (finish or reject).
        case finishing
    }

    var version = 1
    var stage: Stage
    var id: String
    var folderName: String
    var profile: String
    var originalNameBytes: [UInt8]
    var sourcePathBytes: [UInt8]
    /// `intake ingest` copies: the source is the user's and is never touched.
    var isCopy: Bool
    /// Identity of the source when claiming started: after a crash, tells our
    /// file from a new file dropped under the same name.
    var sourceDevice: UInt64?
    var sourceInode: UInt64?
    var workName: String
    var sha256: String?
    var size: Int64?
    var claimedAt: Date
    var destinationBytes: [UInt8]?
    /// For rejects and refusals: the text of the reason file.
    var reason: String?
    /// Claimed from a stack folder (absent in manifests written before stacks existed).
    var stack: Bool?
    /// A document cut out of the stack claimed as `parentID`.
    var parentID: String?

    func claimedFile(workDirectory: [UInt8]) -> ClaimedFile {
        ClaimedFile(
            id: id, folderName: folderName, profile: profile,
            originalName: FileName(bytes: originalNameBytes).display,
            originalNameBytes: originalNameBytes,
            sourcePath: Paths.display(sourcePathBytes),
            workPath: Paths.ownString(Paths.join(Paths.join(workDirectory, Array(id.utf8)), Array(workName.utf8))),
            sha256: sha256 ?? "", size: size ?? 0, claimedAt: claimedAt,
            isStack: stack ?? false, parentID: parentID)
    }

    static let fileName = "claim.json"

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> ClaimManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ClaimManifest.self, from: Data(bytes))
    }
}
