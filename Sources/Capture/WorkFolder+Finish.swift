import Foundation
import Glibc

extension WorkFolder {
    /// Moves the claimed document to `destinationDir/name` (sanitised; `-2`,
    /// `-3`… added rather than overwrite), durably, and removes the claim
    /// directory. Returns the final path.
    public func finish(_ claim: ClaimedFile, movingTo destinationDir: String, name: String) throws -> String {
        try mapIO {
            var manifest = try loadManifest(claim.id)
            let dest = try moveOutOfWork(&manifest, destinationDir: Array(destinationDir.utf8),
                                         safeName: FileName(name).safeName, reasonText: nil)
            return Paths.ownString(dest)
        }
    }

    /// Moves the claimed document to `failedDir/NAME` (its original name made
    /// safe, unique) and writes `NAME.reason.txt` beside it. Returns the path.
    public func reject(_ claim: ClaimedFile, into failedDir: String, reason: String) throws -> String {
        try mapIO {
            var manifest = try loadManifest(claim.id)
            let text = ReasonText.make(reason: reason, source: claim.sourcePath,
                                       extra: ["Claim: \(claim.id)", "SHA-256: \(claim.sha256)"])
            let dest = try moveOutOfWork(&manifest, destinationDir: Array(failedDir.utf8),
                                         safeName: FileName(bytes: claim.originalNameBytes).safeName, reasonText: text)
            return Paths.ownString(dest)
        }
    }

    /// For files that must not be claimed (symlink, bad name, unreadable,
    /// special file): moves the entry itself (a link, never its target) out
    /// of the watch folder to `failedDir/<safe name>` with a reason file, so
    /// it is not retried forever. Returns the new path.
    public func refuse(_ file: ReadyFile, into failedDir: String, reason: String) throws -> String {
        let dir = Array(failedDir.utf8)
        try mapIO { try Posix.makeDirectories(dir) }
        let text = ReasonText.make(reason: reason, source: file.displayPath, extra: [])
        for n in 1...UniqueName.maxAttempts {
            let candidate = Paths.join(dir, Array(UniqueName.candidate(file.name.safeName, n).utf8))
            let reasonPath = ReasonText.path(for: candidate)
            guard try mapIO({ try Posix.lstatPath(candidate) == nil && Posix.lstatPath(reasonPath) == nil }) else { continue }
            // Reason first: a crash then leaves a reason file without its
            // document, never a document nobody can explain.
            do { try Posix.createExclusive(reasonPath, contents: Array(text.utf8)) }
            catch let e as PosixError where e.code == EEXIST { continue }
            catch let e as PosixError { throw ClaimError.io(e) }
            do {
                try Mover.move(file.pathBytes, to: candidate)
                try Posix.fsyncDirectory(dir)
                return Paths.ownString(candidate)
            } catch let e as PosixError {
                try? Posix.unlinkPath(reasonPath)
                if e.code == EEXIST { continue }
                throw e.code == ENOENT ? ClaimError.vanished(name: file.name.display) : ClaimError.from(e, name: file.name)
            }
        }
        throw ClaimError.io(operation: "choose a free name", path: failedDir, reason: "too many files named \(file.name.safeName)")
    }

    /// The common end of finish/reject: pick a free name, record it in the
    /// manifest (stage `finishing`), write the reason, move, drop the claim dir.
    func moveOutOfWork(_ manifest: inout ClaimManifest, destinationDir dir: [UInt8], safeName: String,
                       reasonText: String?) throws -> [UInt8] {
        try Posix.makeDirectories(dir)
        let workFile = workFilePath(manifest)
        for n in 1...UniqueName.maxAttempts {
            let candidate = Paths.join(dir, Array(UniqueName.candidate(safeName, n).utf8))
            let reasonPath = ReasonText.path(for: candidate)
            if try Posix.lstatPath(candidate) != nil { continue }
            if reasonText != nil, try Posix.lstatPath(reasonPath) != nil { continue }
            manifest.stage = .finishing
            manifest.destinationBytes = candidate
            manifest.reason = reasonText
            try save(manifest)
            if let reasonText {
                do { try Posix.createExclusive(reasonPath, contents: Array(reasonText.utf8)) }
                catch let e as PosixError where e.code == EEXIST { continue }
            }
            do {
                try Mover.move(workFile, to: candidate)
            } catch let e as PosixError where e.code == EEXIST {
                if reasonText != nil { try? Posix.unlinkPath(reasonPath) }
                continue
            }
            try Posix.fsyncDirectory(dir)
            try removeClaimDirectory(manifest.id)
            return candidate
        }
        throw PosixError(operation: "choose a free name in", path: dir, code: EEXIST)
    }

    func removeClaimDirectory(_ id: String) throws {
        try Posix.removeFlatDirectory(claimDirectory(id))
        try Posix.fsyncDirectory(directory)
    }
}

/// Moves one entry without ever replacing an existing one.
enum Mover {
    /// rename(2) with RENAME_NOREPLACE; across file systems a copy under a
    /// hidden temp name, fsync, no-replace rename into place, then unlink of
    /// the source. Symlinks are recreated, never followed.
    static func move(_ from: [UInt8], to: [UInt8]) throws {
        do {
            try Posix.renameNoReplace(from, to)
        } catch let e as PosixError where e.code == EXDEV {
            let dir = Paths.parent(to)
            let temp = partialPath(for: to)
            try? Posix.unlinkPath(temp)
            guard let status = try Posix.lstatPath(from) else { throw PosixError(operation: "move", path: from, code: ENOENT) }
            switch status.kind {
            case .regular:
                try Posix.copyFile(from: from, to: temp)
            case .symlink:
                guard let target = Posix.readLink(from) else { throw PosixError(operation: "readlink", path: from, code: errno) }
                let rc = withCPath(target) { t in withCPath(temp) { symlink(t, $0) } }
                if rc != 0 { throw PosixError(operation: "symlink", path: temp, code: errno) }
            case .directory, .other:
                throw e
            }
            do { try Posix.renameNoReplace(temp, to) } catch { try? Posix.unlinkPath(temp); throw error }
            try Posix.fsyncDirectory(dir)
            try Posix.unlinkPath(from)
        }
        try Posix.fsyncDirectory(Paths.parent(to))
        try Posix.fsyncDirectory(Paths.parent(from))
    }

    static func partialPath(for dest: [UInt8]) -> [UInt8] {
        Paths.join(Paths.parent(dest), Array(".".utf8) + Paths.lastComponent(dest) + Array(".partial".utf8))
    }
}

/// `name.pdf`, `name-2.pdf`, `name-3.pdf`…
enum UniqueName {
    static let maxAttempts = 10_000

    static func candidate(_ safeName: String, _ n: Int) -> String {
        if n == 1 { return safeName }
        let scalars = Array(safeName.unicodeScalars)
        if let dot = scalars.lastIndex(of: "."), dot > 0 {
            let stem = String(String.UnicodeScalarView(scalars[..<dot]))
            let ext = String(String.UnicodeScalarView(scalars[dot...]))
            return "\(stem)-\(n)\(ext)"
        }
        return "\(safeName)-\(n)"
    }
}

/// The `NAME.reason.txt` an operator reads next to a rejected document.
enum ReasonText {
    static func path(for document: [UInt8]) -> [UInt8] { document + Array(".reason.txt".utf8) }

    static func make(reason: String, source: String, extra: [String]) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var lines = ["Reason: \(reason)", "Time: \(formatter.string(from: Date()))", "Source: \(source)"]
        lines += extra
        return lines.joined(separator: "\n") + "\n"
    }
}
