import Foundation
import Glibc

/// What `WorkFolder.pending()` found for one claim directory at start-up.
public enum PendingClaim: Sendable {
    /// The document is in the work folder and hashed: process it (again).
    /// The register must treat the claim id / SHA-256 as idempotency key,
    /// since a crash may have come after registering but before `finish`.
    case claimed(ClaimedFile)
    /// A claim, finish or reject was cut short and has been resolved on disk.
    case interrupted(InterruptedClaim)
}

public struct InterruptedClaim: Sendable, CustomStringConvertible {
    public enum Resolution: Sendable, Equatable {
        /// The crash came before the file left its watch folder: the claim was
        /// dropped and the watcher will find the file again.
        case rolledBack
        /// An `ingest` copy was cut short; the user's file was never touched.
        case abandonedCopy
        /// A finish or reject had begun; it was completed to this path.
        case completed(path: String)
        /// The file was deleted from the watch folder before it was taken.
        case vanished
        /// Not understood (unreadable manifest, document missing): left untouched.
        case needsAttention(String)
    }

    public let id: String
    public let sourcePath: String?
    public let resolution: Resolution

    public var description: String {
        let source = sourcePath.map { " (from \($0))" } ?? ""
        switch resolution {
        case .rolledBack: return "claim \(id)\(source) was interrupted before the file was taken; the file stays in its watch folder"
        case .abandonedCopy: return "ingest copy \(id)\(source) was interrupted; the original file was not touched"
        case .completed(let path): return "claim \(id)\(source) was being moved out; completed to \(path)"
        case .vanished: return "claim \(id)\(source): the file had disappeared before it was taken"
        case .needsAttention(let why): return "claim \(id)\(source) needs an operator: \(why)"
        }
    }
}

extension WorkFolder {
    /// Resolves everything a crash left behind. Call once at start-up, before
    /// the watcher starts handing out files. Never deletes a document.
    public func pending() throws -> [PendingClaim] {
        var out: [PendingClaim] = []
        let entries = try mapIO { try Posix.listDirectory(directory) }
        for entry in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            // Claim directories are UUIDs; anything else is not ours to touch.
            guard let id = String(validating: entry, as: UTF8.self), UUID(uuidString: id) != nil,
                  try mapIO({ try Posix.lstatPath(claimDirectory(id))?.kind == .directory })
            else { continue }
            do {
                out.append(try resolve(id))
            } catch {
                // One damaged claim must not keep the daemon from starting.
                out.append(.interrupted(InterruptedClaim(id: id, sourcePath: nil,
                                                         resolution: .needsAttention("recovery failed: \(error)"))))
            }
        }
        return out
    }

    private func resolve(_ id: String) throws -> PendingClaim {
        func interrupted(_ source: [UInt8]?, _ r: InterruptedClaim.Resolution) -> PendingClaim {
            .interrupted(InterruptedClaim(id: id, sourcePath: source.map(Paths.display), resolution: r))
        }
        guard try Posix.lstatPath(manifestPath(id)) != nil else {
            // Crash between mkdir and the manifest's rename. The manifest is
            // always in place before the file moves, so only a temp manifest
            // can be here; make sure before deleting anything.
            let leftovers = try Posix.listDirectory(claimDirectory(id)).filter { $0.first != UInt8(ascii: ".") }
            if !leftovers.isEmpty { return interrupted(nil, .needsAttention("claim directory without claim.json holds files")) }
            try removeClaimDirectory(id)
            return interrupted(nil, .rolledBack)
        }
        var manifest: ClaimManifest
        do { manifest = try loadManifest(id) } catch let e as PosixError { throw e } catch {
            return interrupted(nil, .needsAttention("claim.json cannot be read: \(error)"))
        }
        let source = manifest.sourcePathBytes
        let workFile = workFilePath(manifest)
        let workStatus = try Posix.lstatPath(workFile)

        switch manifest.stage {
        case .claiming:
            if manifest.isCopy {
                try removeClaimDirectory(id)
                return interrupted(source, .abandonedCopy)
            }
            if let sourceStatus = try Posix.lstatPath(source), isOriginal(sourceStatus, manifest) {
                // Not yet moved, or copied across file systems but the source
                // not yet unlinked: the inbox copy is the document; drop ours.
                try removeClaimDirectory(id)
                return interrupted(source, .rolledBack)
            }
            guard workStatus?.kind == .regular else {
                try removeClaimDirectory(id)
                return interrupted(source, .vanished)
            }
            // Moved in, hash missing.
            let (hex, size) = try FileHasher.sha256(of: workFile)
            manifest.sha256 = hex
            manifest.size = size
            manifest.stage = .claimed
            try save(manifest)
            return .claimed(manifest.claimedFile(workDirectory: directory))

        case .claimed:
            guard workStatus != nil else {
                return interrupted(source, .needsAttention("the claimed document \(Paths.display(workFile)) is missing"))
            }
            if manifest.sha256 == nil || manifest.size == nil {
                let (hex, size) = try FileHasher.sha256(of: workFile)
                manifest.sha256 = hex
                manifest.size = size
                try save(manifest)
            }
            return .claimed(manifest.claimedFile(workDirectory: directory))

        case .finishing:
            guard let dest = manifest.destinationBytes else {
                return interrupted(source, .needsAttention("claim.json says finishing but names no destination"))
            }
            let final = try completeFinishing(&manifest, destination: dest, workExists: workStatus != nil)
            guard let final else {
                return interrupted(source, .needsAttention("neither the claimed document nor \(Paths.display(dest)) exists"))
            }
            return interrupted(source, .completed(path: Paths.ownString(final)))
        }
    }

    /// The source still is the very file we started claiming (not a new file
    /// dropped under the same name after ours was taken).
    private func isOriginal(_ status: FileStatus, _ m: ClaimManifest) -> Bool {
        guard let dev = m.sourceDevice, let ino = m.sourceInode else { return true }
        return status.device == dev && status.inode == ino
    }

    /// Finishes a move that `finish`/`reject` had begun. Returns the final
    /// path, or nil when the document is nowhere (claim dir then kept).
    private func completeFinishing(_ m: inout ClaimManifest, destination dest: [UInt8], workExists: Bool) throws -> [UInt8]? {
        let workFile = workFilePath(m)
        let reasonPath = ReasonText.path(for: dest)
        try? Posix.unlinkPath(Mover.partialPath(for: dest))
        if workExists {
            if try Posix.lstatPath(dest) != nil {
                if let sha = m.sha256, (try? FileHasher.sha256(of: dest).hex) == sha {
                    // Copied across file systems; only the unlink was missing.
                    try Posix.unlinkPath(workFile)
                } else {
                    // Someone else's file took the name: choose another one.
                    let taken = FileName(bytes: Paths.lastComponent(dest)).safeName
                    return try moveOutOfWork(&m, destinationDir: Paths.parent(dest), safeName: taken, reasonText: m.reason)
                }
            } else {
                try Mover.move(workFile, to: dest)
            }
        } else if try Posix.lstatPath(dest) == nil {
            return nil
        }
        if let reason = m.reason, try Posix.lstatPath(reasonPath) == nil {
            try Posix.createExclusive(reasonPath, contents: Array(reason.utf8))
            try Posix.fsyncDirectory(Paths.parent(dest))
        }
        try removeClaimDirectory(m.id)
        return dest
    }
}
