import Foundation
import Glibc

extension WorkFolder {
    /// Makes a document that exists only in memory (a scanned batch, a document cut out of a
    /// stack file) durable as a new claim: `write` fills a temporary file inside the claim
    /// directory, which is then fsynced, renamed into place, hashed and marked claimed.
    ///
    /// From the moment this returns, the document survives a crash like any claimed file
    /// (start-up recovery processes it again). A crash while writing leaves a claim that
    /// recovery drops (there is no source to fall back on: the caller still has the pages).
    ///
    /// `id` fixes the claim's id (a UUID; by default a new one): the id is the document's
    /// idempotency key in the register, so a document cut from a stack keeps the id the
    /// stack's split plan gave it however often it is made again after crashes.
    /// `parentID` names the stack's claim.
    public func claimNew(name: String, folderName: String, profile: String, sourceDescription: String,
                         id: String? = nil, parentID: String? = nil,
                         write: (String) throws -> Void) throws -> ClaimedFile {
        let fileName = FileName(name)
        let id = id?.lowercased() ?? UUID().uuidString.lowercased()
        precondition(UUID(uuidString: id) != nil, "claim ids are UUIDs")
        var manifest = ClaimManifest(
            stage: .claiming, id: id, folderName: folderName, profile: profile,
            originalNameBytes: fileName.bytes, sourcePathBytes: Array(sourceDescription.utf8), isCopy: true,
            sourceDevice: nil, sourceInode: nil,
            workName: Self.workName(for: fileName), claimedAt: Self.now())
        manifest.parentID = parentID
        return try createClaim(manifest, temporaryPrefix: ".writing-") { temp in
            try write(Paths.ownString(temp))
            try Self.fsyncFile(temp)
        }
    }

    /// The claim `id` when it is in the work folder, claimed and hashed (not being claimed
    /// or moved out); nil otherwise. For resuming a stack: its documents' claims.
    public func claimed(id: String) throws -> ClaimedFile? {
        try mapIO {
            guard UUID(uuidString: id) != nil, try Posix.lstatPath(manifestPath(id)) != nil else { return nil }
            let manifest = try loadManifest(id)
            guard manifest.stage == .claimed, manifest.sha256 != nil,
                  try Posix.lstatPath(workFilePath(manifest))?.kind == .regular else { return nil }
            return manifest.claimedFile(workDirectory: directory)
        }
    }

    /// Stores a small file of the claim's own beside its document (e.g. a stack's split
    /// plan), atomically and durably. It goes when the claim is finished.
    public func saveAttachment(_ contents: Data, named name: String, of claim: ClaimedFile) throws {
        try mapIO { try Posix.writeAtomically(Array(contents), to: attachmentPath(name, of: claim)) }
    }

    /// `work/<id>/claim.<name>`: the work file never starts with `claim.` (`workName`).
    private func attachmentPath(_ name: String, of claim: ClaimedFile) -> [UInt8] {
        precondition(name != "json" && !name.isEmpty && !name.contains("/"))
        return Paths.join(claimDirectory(claim.id), Array("claim.\(name)".utf8))
    }

    /// An attachment saved by `saveAttachment`, or nil when there is none.
    public func attachment(named name: String, of claim: ClaimedFile) throws -> Data? {
        try mapIO {
            let path = attachmentPath(name, of: claim)
            guard try Posix.lstatPath(path) != nil else { return nil }
            return Data(try Posix.readWholeFile(path))
        }
    }

    private static func fsyncFile(_ path: [UInt8]) throws {
        let fd = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw PosixError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw PosixError(operation: "fsync", path: path, code: errno) }
    }
}
