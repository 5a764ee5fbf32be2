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
    public func claimNew(name: String, folderName: String, profile: String, sourceDescription: String,
                         write: (String) throws -> Void) throws -> ClaimedFile {
        let fileName = FileName(name)
        let id = UUID().uuidString.lowercased()
        let manifest = ClaimManifest(
            stage: .claiming, id: id, folderName: folderName, profile: profile,
            originalNameBytes: fileName.bytes, sourcePathBytes: Array(sourceDescription.utf8), isCopy: true,
            sourceDevice: nil, sourceInode: nil,
            workName: Self.workName(for: fileName), claimedAt: Self.now())
        return try createClaim(manifest, temporaryPrefix: ".writing-") { temp in
            try write(Paths.ownString(temp))
            try Self.fsyncFile(temp)
        }
    }

    private static func fsyncFile(_ path: [UInt8]) throws {
        let fd = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw PosixError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw PosixError(operation: "fsync", path: path, code: errno) }
    }
}
