import Foundation
import Glibc

/// The daemon's own folder of claimed documents, one directory per claim:
///
///     work/<id>/claim.json     manifest (always written before the file moves)
///     work/<id>/<safe name>    the document
///
/// Every step that moves a document is preceded by a durable manifest update
/// saying what is about to happen, so `pending()` can resolve a kill -9 at any
/// point without losing the document or processing it twice.
public struct WorkFolder: Sendable {
    public let path: String
    let directory: [UInt8]

    /// Creates the folder (and parents) if needed.
    public init(path: String) throws {
        self.path = path
        self.directory = Array(path.utf8)
        try mapIO { try Posix.makeDirectories(directory) }
    }

    func claimDirectory(_ id: String) -> [UInt8] { Paths.join(directory, Array(id.utf8)) }
    func manifestPath(_ id: String) -> [UInt8] { Paths.join(claimDirectory(id), Array(ClaimManifest.fileName.utf8)) }
    func workFilePath(_ m: ClaimManifest) -> [UInt8] { Paths.join(claimDirectory(m.id), Array(m.workName.utf8)) }

    func save(_ manifest: ClaimManifest) throws {
        try Posix.writeAtomically(try manifest.encoded(), to: manifestPath(manifest.id))
    }

    func loadManifest(_ id: String) throws -> ClaimManifest {
        try ClaimManifest.decode(try Posix.readWholeFile(manifestPath(id)))
    }

    /// The work file's name: the original's safe name, never clashing with the manifest
    /// or an attachment (`claim.*` is the daemon's own).
    static func workName(for name: FileName) -> String {
        let safe = name.safeName
        return safe.hasPrefix("claim.") ? "document-" + safe : safe
    }

    // MARK: claim

    /// Moves a ready file out of its watch folder into a new claim directory and hashes it.
    ///
    /// Throws `ClaimError.vanished` when it is gone (nothing to do), and
    /// `.symlinkRefused`, `.badFileName`, `.notRegularFile`, `.unreadable` when
    /// it must be moved aside with `refuse(_:into:reason:)` instead.
    public func claim(_ file: ReadyFile) throws -> ClaimedFile {
        let source = file.pathBytes
        let status = try check(file)
        let id = UUID().uuidString.lowercased()
        var manifest = ClaimManifest(
            stage: .claiming, id: id, folderName: file.folder.name, profile: file.folder.profile,
            originalNameBytes: file.name.bytes, sourcePathBytes: source, isCopy: false,
            sourceDevice: status.device, sourceInode: status.inode,
            workName: Self.workName(for: file.name), claimedAt: Self.now())
        if file.folder.stack { manifest.stack = true }
        let claimDir = claimDirectory(id)
        let workFile = workFilePath(manifest)

        // 1. Record the intent durably. Until the rename, a crash leaves the file in the inbox.
        do {
            try Posix.makeDirectory(claimDir)
            try save(manifest)
            try Posix.fsyncDirectory(directory)
        } catch let e as PosixError {
            try? Posix.removeFlatDirectory(claimDir)
            throw ClaimError.io(e)
        }

        // 2. Take the file.
        do {
            try moveIn(from: source, to: workFile, claimDir: claimDir)
        } catch let e as PosixError {
            try? Posix.removeFlatDirectory(claimDir)
            throw ClaimError.from(e, name: file.name)
        } catch {
            try? Posix.removeFlatDirectory(claimDir)
            throw error
        }

        // 3. Hash and mark claimed. Should this fail, put the file back rather
        //    than strand it until the next start-up.
        do {
            let (hex, size) = try FileHasher.sha256(of: workFile)
            manifest.sha256 = hex
            manifest.size = size
            manifest.stage = .claimed
            try save(manifest)
        } catch let e as PosixError {
            if (try? Posix.renameNoReplace(workFile, source)) != nil {
                try? Posix.fsyncDirectory(Paths.parent(source))
                try? Posix.removeFlatDirectory(claimDir)
            }
            throw ClaimError.io(e)
        }
        return manifest.claimedFile(workDirectory: directory)
    }

    /// Refusal checks, in the order an operator would want them explained.
    private func check(_ file: ReadyFile) throws -> FileStatus {
        let status: FileStatus
        do {
            guard let s = try Posix.lstatPath(file.pathBytes) else { throw ClaimError.vanished(name: file.name.display) }
            status = s
        } catch let e as PosixError { throw ClaimError.from(e, name: file.name) }
        switch status.kind {
        case .symlink:
            let target = Posix.readLink(file.pathBytes).map(Paths.display) ?? "?"
            throw ClaimError.symlinkRefused(name: file.name.display, target: target)
        case .directory, .other:
            throw ClaimError.notRegularFile(name: file.name.display)
        case .regular:
            break
        }
        if let why = file.name.problem { throw ClaimError.badFileName(name: file.name.display, why: why) }
        try Self.checkReadable(file.pathBytes, name: file.name)
        return status
    }

    /// Opens for reading (never following a link, never blocking on a FIFO).
    static func checkReadable(_ path: [UInt8], name: FileName) throws {
        let fd = withCPath(path) { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        if fd < 0 {
            throw ClaimError.from(PosixError(operation: "open", path: path, code: errno), name: name)
        }
        close(fd)
    }

    /// rename(2) on one file system; across file systems (EXDEV, e.g. a mounted
    /// share) copy + fsync under a temp name, rename into place, then unlink the
    /// source: a crash in between leaves the source, which `pending()` keeps.
    private func moveIn(from source: [UInt8], to workFile: [UInt8], claimDir: [UInt8]) throws {
        do {
            try Posix.rename(source, workFile)
        } catch let e as PosixError where e.code == EXDEV {
            let temp = Paths.join(claimDir, Array(".copying-".utf8) + Paths.lastComponent(workFile))
            try Posix.copyFile(from: source, to: temp)
            try Posix.rename(temp, workFile)
            try Posix.fsyncDirectory(claimDir)
            do {
                try Posix.unlinkPath(source)
            } catch let u as PosixError where u.code != ENOENT {
                // Could read but not delete (read-only share): taking a copy
                // would mean claiming it again on every start. Give up instead.
                throw ClaimError.io(operation: "removal from the watch folder", path: Paths.display(source),
                                    reason: errnoText(u.code))
            }
        }
        try Posix.fsyncDirectory(claimDir)
        try Posix.fsyncDirectory(Paths.parent(source))
    }

    // MARK: claimCopy

    /// For `intake ingest FILE`: copies the file into a new claim (the user's
    /// file stays where it is). Follows a symlink given on the command line.
    public func claimCopy(of path: String, sourceName: String,
                          folderName: String = "ingest", profile: String = "") throws -> ClaimedFile {
        let source = Array(path.utf8)
        let name = FileName(sourceName)
        var st = stat()
        if withCPath(source, { stat($0, &st) }) != 0 {
            throw ClaimError.from(PosixError(operation: "stat", path: source, code: errno), name: name)
        }
        guard FileStatus(st).kind == .regular else { throw ClaimError.notRegularFile(name: name.display) }

        let id = UUID().uuidString.lowercased()
        let manifest = ClaimManifest(
            stage: .claiming, id: id, folderName: folderName, profile: profile,
            originalNameBytes: name.bytes, sourcePathBytes: source, isCopy: true,
            sourceDevice: nil, sourceInode: nil,
            workName: Self.workName(for: name), claimedAt: Self.now())
        return try createClaim(manifest, temporaryPrefix: ".copying-") { temp in
            do {
                try Posix.copyFile(from: source, to: temp)
            } catch let e as PosixError {
                throw ClaimError.from(e, name: name)
            }
        }
    }

    /// Creates the claim directory and its manifest, has `fill` write the file under a
    /// temporary name inside it, then moves it into place, hashes it and marks the claim
    /// claimed. On any failure the claim directory is removed; the source is untouched.
    func createClaim(_ manifest: ClaimManifest, temporaryPrefix: String,
                     fill: (_ temporaryPath: [UInt8]) throws -> Void) throws -> ClaimedFile {
        var manifest = manifest
        let claimDir = claimDirectory(manifest.id)
        let workFile = workFilePath(manifest)
        do {
            try Posix.makeDirectory(claimDir)
            try save(manifest)
            try Posix.fsyncDirectory(directory)
            let temp = Paths.join(claimDir, Array(temporaryPrefix.utf8) + Array(manifest.workName.utf8))
            try fill(temp)
            try Posix.rename(temp, workFile)
            try Posix.fsyncDirectory(claimDir)
            let (hex, size) = try FileHasher.sha256(of: workFile)
            manifest.sha256 = hex
            manifest.size = size
            manifest.stage = .claimed
            try save(manifest)
        } catch {
            try? Posix.removeFlatDirectory(claimDir)
            if let e = error as? PosixError { throw ClaimError.io(e) }
            throw error
        }
        return manifest.claimedFile(workDirectory: directory)
    }

    /// Whole seconds, so the date survives the ISO 8601 manifest unchanged.
    static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}
