import Foundation
import Glibc
import Testing
@testable import Capture

@Suite struct ClaimTests {
    let tmp = TempDir("claim")
    var inbox: String { tmp.sub("inbox") }
    var failed: String { tmp.sub("failed") }
    var folder: WatchFolder { WatchFolder(name: "van-thu", path: inbox, profile: "cong-van") }

    init() { _ = tmp.makeDir("inbox") }

    func ready(_ name: [UInt8], kind: ReadyFile.Kind = .regular) -> ReadyFile {
        ReadyFile(folder: folder, name: FileName(bytes: name), kind: kind)
    }

    @Test func claimMovesTheFileIntoItsOwnDirectoryAndHashesIt() throws {
        let body = String(repeating: "Công văn số 12/UBND\n", count: 100_000)   // > 1 MiB: several chunks
        try writeFile(dir: inbox, name: "Công văn 12.pdf", contents: body)
        let work = try WorkFolder(path: tmp.sub("work"))
        let expected = try sha256sum(inbox + "/Công văn 12.pdf")

        let claim = try work.claim(ready(Array("Công văn 12.pdf".utf8)))

        #expect(!exists(inbox + "/Công văn 12.pdf"))
        #expect(claim.workPath == tmp.sub("work") + "/\(claim.id)/Công văn 12.pdf")
        #expect(contents(claim.workPath) == body)
        #expect(claim.sha256 == expected)
        #expect(claim.size == Int64(body.utf8.count))
        #expect(claim.folderName == "van-thu" && claim.profile == "cong-van")
        #expect(claim.originalName == "Công văn 12.pdf")
        #expect(claim.sourcePath == inbox + "/Công văn 12.pdf")
        #expect(UUID(uuidString: claim.id) != nil)
        #expect(list(tmp.sub("work/\(claim.id)")) == ["Công văn 12.pdf", "claim.json"])

        let manifest = try work.loadManifest(claim.id)
        #expect(manifest.stage == .claimed)
        #expect(manifest.sha256 == expected)
    }

    @Test func emptyFileHasTheWellKnownHash() throws {
        try writeFile(dir: inbox, name: "empty.pdf", contents: "")
        let claim = try WorkFolder(path: tmp.sub("work")).claim(ready(Array("empty.pdf".utf8)))
        #expect(claim.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(claim.size == 0)
    }

    @Test func claimCopyLeavesTheSourceInPlace() throws {
        let source = try writeFile(dir: tmp.path, name: "user.pdf", contents: "the user's own scan")
        let work = try WorkFolder(path: tmp.sub("work"))
        let claim = try work.claimCopy(of: tmp.sub("user.pdf"), sourceName: "user.pdf", profile: "cong-van")
        #expect(exists(source))
        #expect(contents(tmp.sub("user.pdf")) == "the user's own scan")
        #expect(contents(claim.workPath) == "the user's own scan")
        #expect(claim.sha256 == (try sha256sum(tmp.sub("user.pdf"))))
        #expect(claim.profile == "cong-van" && claim.folderName == "ingest")
        #expect(try work.loadManifest(claim.id).isCopy)
    }

    @Test func claimCopyOfMissingFileIsVanished() throws {
        let work = try WorkFolder(path: tmp.sub("work"))
        #expect(throws: ClaimError.vanished(name: "nope.pdf")) {
            try work.claimCopy(of: tmp.sub("nope.pdf"), sourceName: "nope.pdf")
        }
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func fileThatVanishedBeforeClaimingIsReportedAndLeavesNoTrace() throws {
        let path = try writeFile(dir: inbox, name: "gone.pdf", contents: "x")
        let file = ready(Array("gone.pdf".utf8))
        try Posix.unlinkPath(path)
        let work = try WorkFolder(path: tmp.sub("work"))
        #expect(throws: ClaimError.vanished(name: "gone.pdf")) { try work.claim(file) }
        #expect(list(tmp.sub("work")).isEmpty, "no half-made claim directory")
    }

    @Test func symlinkToEtcPasswdIsRefusedAndTheLinkItselfMovedAside() throws {
        let passwdBefore = try Posix.readWholeFile(Array("/etc/passwd".utf8))
        #expect(symlink("/etc/passwd", inbox + "/passwd.pdf") == 0)
        let file = ready(Array("passwd.pdf".utf8), kind: .symlink)
        #expect(file.isSymlink)
        let work = try WorkFolder(path: tmp.sub("work"))

        #expect(throws: ClaimError.symlinkRefused(name: "passwd.pdf", target: "/etc/passwd")) { try work.claim(file) }
        #expect(list(tmp.sub("work")).isEmpty)

        let moved = try work.refuse(file, into: failed, reason: ClaimError.symlinkRefused(name: "passwd.pdf", target: "/etc/passwd").description)
        #expect(moved == failed + "/passwd.pdf")
        #expect(!exists(inbox + "/passwd.pdf"))
        #expect(try Posix.lstatPath(Array(moved.utf8))?.kind == .symlink, "the link moved, not a copy of the target")
        #expect(Posix.readLink(Array(moved.utf8)) == Array("/etc/passwd".utf8))
        #expect(try Posix.readWholeFile(Array("/etc/passwd".utf8)) == passwdBefore)
        let reason = contents(moved + ".reason.txt") ?? ""
        #expect(reason.contains("symbolic link"))
        #expect(reason.contains("Source: \(inbox)/passwd.pdf"))
        #expect(reason.contains("Time: "))
    }

    @Test func nameWithInvalidUTF8AndNewlineIsRefusedAndMovedUnderASafeName() throws {
        // "b\xE1o\ncáo.pdf": a Latin-1 byte and a newline.
        let raw: [UInt8] = [0x62, 0xE1, 0x6F, 0x0A] + Array("cáo.pdf".utf8)
        try writeFile(dir: inbox, name: raw, contents: Array("scan".utf8))
        let file = ready(raw)
        #expect(file.name.display == "b\\xE1o\\ncáo.pdf")
        let work = try WorkFolder(path: tmp.sub("work"))

        var caught: ClaimError?
        do { _ = try work.claim(file) } catch let e as ClaimError { caught = e }
        guard case .badFileName(let shown, let why)? = caught else {
            Issue.record("expected badFileName, got \(String(describing: caught))"); return
        }
        #expect(shown == "b\\xE1o\\ncáo.pdf")
        #expect(why.contains("UTF-8"))

        let moved = try work.refuse(file, into: failed, reason: caught!.description)
        #expect(moved == failed + "/b_o_cáo.pdf")
        #expect(contents(moved) == "scan")
        #expect(try Posix.listDirectory(Array(inbox.utf8)).isEmpty)
        #expect((contents(moved + ".reason.txt") ?? "").contains("b\\xE1o\\ncáo.pdf"))
    }

    @Test func refuseNeverOverwrites() throws {
        _ = tmp.makeDir("failed")
        try writeFile(dir: failed, name: "x.pdf", contents: "older")
        try writeFile(dir: inbox, name: "x.pdf", contents: "newer")
        let work = try WorkFolder(path: tmp.sub("work"))
        let moved = try work.refuse(ready(Array("x.pdf".utf8)), into: failed, reason: "test")
        #expect(moved == failed + "/x-2.pdf")
        #expect(contents(failed + "/x.pdf") == "older")
        #expect(contents(moved) == "newer")
        #expect(exists(moved + ".reason.txt"))
    }

    @Test func directoryOrFifoIsNotARegularFile() throws {
        #expect(mkfifo(inbox + "/pipe.pdf", 0o644) == 0)
        let work = try WorkFolder(path: tmp.sub("work"))
        #expect(throws: ClaimError.notRegularFile(name: "pipe.pdf")) { try work.claim(ready(Array("pipe.pdf".utf8), kind: .special)) }
        let moved = try work.refuse(ready(Array("pipe.pdf".utf8), kind: .special), into: failed, reason: "not a file")
        #expect(try Posix.lstatPath(Array(moved.utf8))?.kind == .other)
    }

    /// Root ignores permission bits, so the daemon's own EACCES path is
    /// checked by dropping this thread's file-system uid (setfsuid is per
    /// thread) to "nobody" around the claim.
    @Test func unreadableFileIsReportedAsUnreadable() throws {
        #expect(chmod(tmp.path, 0o755) == 0)
        #expect(chmod(inbox, 0o777) == 0)
        try writeFile(dir: inbox, name: "locked.pdf", contents: "secret")
        #expect(chmod(inbox + "/locked.pdf", 0o000) == 0)
        let work = try WorkFolder(path: tmp.sub("work"))

        typealias SetFSUID = @convention(c) (UInt32) -> Int32
        let setfsuid = unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "setfsuid")!, to: SetFSUID.self)
        _ = setfsuid(65534)
        let effective = setfsuid(65534)   // returns the current fsuid
        var caught: ClaimError?
        do { _ = try work.claim(ready(Array("locked.pdf".utf8))) } catch let e as ClaimError { caught = e } catch {}
        _ = setfsuid(0)
        #expect(setfsuid(0) == 0, "fsuid restored")
        try #require(effective == 65534, "setfsuid not permitted here; covered by classifiesPermissionErrors only")

        guard case .unreadable(let name, let reason)? = caught else {
            Issue.record("expected unreadable, got \(String(describing: caught))"); return
        }
        #expect(name == "locked.pdf")
        #expect(reason.contains("Permission denied"))
        #expect(exists(inbox + "/locked.pdf"), "nothing moved")
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func classifiesPermissionErrors() {
        let name = FileName("a.pdf")
        #expect(ClaimError.classifyOpenFailure(errno: EACCES, name: name, path: "/x/a.pdf")
                == .unreadable(name: "a.pdf", reason: errnoText(EACCES)))
        #expect(ClaimError.classifyOpenFailure(errno: ENOENT, name: name, path: "/x/a.pdf") == .vanished(name: "a.pdf"))
        if case .io = ClaimError.classifyOpenFailure(errno: EIO, name: name, path: "/x/a.pdf") {} else {
            Issue.record("EIO should be an I/O error")
        }
    }

    @Test func errorMessagesAreForOperators() {
        #expect(ClaimError.vanished(name: "a.pdf").description.contains("disappeared"))
        #expect(ClaimError.badFileName(name: "a\\n.pdf", why: "control characters").description.contains("Rename the file"))
        #expect(ClaimError.unreadable(name: "a.pdf", reason: "Permission denied").description.contains("permissions"))
    }
}
