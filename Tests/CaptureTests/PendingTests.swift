import Foundation
import Glibc
import Testing
@testable import Capture

/// Each test builds by hand the on-disk state a kill -9 at one point would
/// leave, then checks what `pending()` makes of it.
@Suite struct PendingTests {
    let tmp = TempDir("pending")
    let work: WorkFolder
    var inbox: String { tmp.sub("inbox") }
    var folder: WatchFolder { WatchFolder(name: "van-thu", path: inbox, profile: "cong-van") }

    init() throws {
        _ = tmp.makeDir("inbox")
        work = try WorkFolder(path: tmp.sub("work"))
    }

    /// The manifest claim() writes before moving the file.
    func intent(_ name: String, id: String = UUID().uuidString.lowercased(), isCopy: Bool = false) throws -> ClaimManifest {
        let source = Paths.join(Array(inbox.utf8), Array(name.utf8))
        let status = try Posix.lstatPath(source)
        let m = ClaimManifest(stage: .claiming, id: id, folderName: "van-thu", profile: "cong-van",
                              originalNameBytes: Array(name.utf8), sourcePathBytes: source, isCopy: isCopy,
                              sourceDevice: status?.device, sourceInode: status?.inode,
                              workName: name, claimedAt: WorkFolder.now())
        try Posix.makeDirectory(work.claimDirectory(id))
        try work.save(m)
        return m
    }

    func only(_ results: [PendingClaim]) -> PendingClaim? { results.count == 1 ? results[0] : nil }

    func resolution(_ p: PendingClaim?) -> InterruptedClaim.Resolution? {
        if case .interrupted(let i)? = p { return i.resolution }
        return nil
    }

    @Test func nothingPendingInAFreshFolder() throws {
        #expect(try work.pending().isEmpty)
    }

    @Test func crashBeforeTheManifestWasInPlace() throws {
        let id = UUID().uuidString.lowercased()
        try Posix.makeDirectory(work.claimDirectory(id))
        try writeFile(dir: tmp.sub("work/\(id)"), name: ".claim.json.tmp", contents: "{\"half")
        #expect(resolution(only(try work.pending())) == .rolledBack)
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func crashAfterManifestBeforeRenameRollsBack() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        _ = try intent("a.pdf")
        #expect(resolution(only(try work.pending())) == .rolledBack)
        #expect(contents(inbox + "/a.pdf") == "doc", "left for the watcher")
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func crashAfterRenameBeforeHashResumes() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let m = try intent("a.pdf")
        try Posix.rename(Array((inbox + "/a.pdf").utf8), work.workFilePath(m))

        guard case .claimed(let claim)? = only(try work.pending()) else { Issue.record("expected claimed"); return }
        #expect(claim.id == m.id)
        #expect(claim.sha256 == (try sha256sum(claim.workPath)))
        #expect(claim.size == 3)
        #expect(try work.loadManifest(m.id).stage == .claimed)
        // Resolved for good: asking again gives the same, complete claim.
        guard case .claimed(let again)? = only(try work.pending()) else { Issue.record("expected claimed"); return }
        #expect(again.sha256 == claim.sha256)
    }

    @Test func crashMidCopyAcrossFileSystemsRollsBack() throws {
        // EXDEV path: complete copy in place, source not yet unlinked.
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let m = try intent("a.pdf")
        try Posix.copyFile(from: Array((inbox + "/a.pdf").utf8), to: work.workFilePath(m))
        #expect(resolution(only(try work.pending())) == .rolledBack)
        #expect(contents(inbox + "/a.pdf") == "doc")
        #expect(list(tmp.sub("work")).isEmpty, "the duplicate copy is dropped, not processed")
    }

    @Test func newFileUnderTheSameNameIsNotMistakenForTheClaimedOne() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "first")
        let m = try intent("a.pdf")
        try Posix.rename(Array((inbox + "/a.pdf").utf8), work.workFilePath(m))
        try writeFile(dir: inbox, name: "a.pdf", contents: "second, dropped later")

        guard case .claimed(let claim)? = only(try work.pending()) else { Issue.record("expected claimed"); return }
        #expect(contents(claim.workPath) == "first")
        #expect(contents(inbox + "/a.pdf") == "second, dropped later")
    }

    @Test func fileDeletedFromTheInboxBeforeTheMoveIsVanished() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        _ = try intent("a.pdf")
        try Posix.unlinkPath(Array((inbox + "/a.pdf").utf8))
        #expect(resolution(only(try work.pending())) == .vanished)
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func interruptedIngestCopyIsAbandoned() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let m = try intent("a.pdf", isCopy: true)
        try writeFile(dir: tmp.sub("work/\(m.id)"), name: ".copying-a.pdf", contents: "do")
        #expect(resolution(only(try work.pending())) == .abandonedCopy)
        #expect(contents(inbox + "/a.pdf") == "doc")
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func completedClaimIsResumed() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("a.pdf")))
        guard case .claimed(let found)? = only(try work.pending()) else { Issue.record("expected claimed"); return }
        #expect(found.id == claim.id)
        #expect(found.sha256 == claim.sha256)
        #expect(found.workPath == claim.workPath)
        #expect(found.claimedAt == claim.claimedAt)
        #expect(found.originalNameBytes == claim.originalNameBytes)
    }

    /// Stage `finishing` recorded, then the crash: before the rename.
    @Test func interruptedRejectIsCompletedWithItsReason() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("a.pdf")))
        var m = try work.loadManifest(claim.id)
        let failed = tmp.makeDir("failed")
        m.stage = .finishing
        m.destinationBytes = Array((failed + "/a.pdf").utf8)
        m.reason = "Reason: unreadable PDF\n"
        try work.save(m)

        #expect(resolution(only(try work.pending())) == .completed(path: failed + "/a.pdf"))
        #expect(contents(failed + "/a.pdf") == "doc")
        #expect(contents(failed + "/a.pdf.reason.txt") == "Reason: unreadable PDF\n")
        #expect(list(tmp.sub("work")).isEmpty)
    }

    /// Crash after the rename, before the claim directory was removed.
    @Test func finishThatAlreadyMovedTheFileIsCleanedUp() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("a.pdf")))
        var m = try work.loadManifest(claim.id)
        let archive = tmp.makeDir("archive")
        m.stage = .finishing
        m.destinationBytes = Array((archive + "/final.pdf").utf8)
        try work.save(m)
        try Posix.rename(Array(claim.workPath.utf8), m.destinationBytes!)

        #expect(resolution(only(try work.pending())) == .completed(path: archive + "/final.pdf"))
        #expect(contents(archive + "/final.pdf") == "doc")
        #expect(list(tmp.sub("work")).isEmpty)
    }

    /// Before the rename, and meanwhile someone else's file took the name.
    @Test func interruptedFinishDoesNotOverwriteAnotherFile() throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "doc")
        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("a.pdf")))
        var m = try work.loadManifest(claim.id)
        let archive = tmp.makeDir("archive")
        m.stage = .finishing
        m.destinationBytes = Array((archive + "/final.pdf").utf8)
        try work.save(m)
        try writeFile(dir: archive, name: "final.pdf", contents: "someone else")

        #expect(resolution(only(try work.pending())) == .completed(path: archive + "/final-2.pdf"))
        #expect(contents(archive + "/final.pdf") == "someone else")
        #expect(contents(archive + "/final-2.pdf") == "doc")
    }

    @Test func unreadableManifestIsLeftForAnOperator() throws {
        let id = UUID().uuidString.lowercased()
        try Posix.makeDirectory(work.claimDirectory(id))
        try writeFile(dir: tmp.sub("work/\(id)"), name: "claim.json", contents: "not json")
        try writeFile(dir: tmp.sub("work/\(id)"), name: "a.pdf", contents: "doc")
        guard case .needsAttention? = resolution(only(try work.pending())) else { Issue.record("expected needsAttention"); return }
        #expect(contents(tmp.sub("work/\(id)/a.pdf")) == "doc", "never deleted")
    }

    @Test func foreignEntriesInTheWorkFolderAreLeftAlone() throws {
        try writeFile(dir: tmp.sub("work"), name: "README", contents: "x")
        _ = tmp.makeDir("work/not-a-uuid")
        #expect(try work.pending().isEmpty)
        #expect(list(tmp.sub("work")) == ["README", "not-a-uuid"])
    }
}
