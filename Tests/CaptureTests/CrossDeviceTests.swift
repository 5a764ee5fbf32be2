import Foundation
import Glibc
import Testing
@testable import Capture

/// Watch folder and work folder on different file systems (a mounted share
/// next to local disk): rename(2) fails with EXDEV and the copy path runs.
/// Uses /dev/shm (tmpfs) against /tmp when they are different devices.
@Suite struct CrossDeviceTests {
    static var available: Bool {
        guard let shm = try? Posix.lstatPath(Array("/dev/shm".utf8)), let tmp = try? Posix.lstatPath(Array("/tmp".utf8)) else { return false }
        return shm.kind == .directory && shm.device != tmp.device
    }

    @Test(.enabled(if: CrossDeviceTests.available, "needs /dev/shm on another device than /tmp"))
    func claimFinishAndRefuseAcrossFileSystems() throws {
        let share = TempDir("capture-share", in: "/dev/shm")
        let local = TempDir("capture-local")
        let folder = WatchFolder(name: "share", path: share.path, profile: "p")
        try writeFile(dir: share.path, name: "a.pdf", contents: "over the network")
        let work = try WorkFolder(path: local.sub("work"))

        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("a.pdf")))
        #expect(!exists(share.sub("a.pdf")))
        #expect(contents(claim.workPath) == "over the network")
        #expect(claim.sha256 == (try sha256sum(claim.workPath)))
        #expect(list(local.sub("work/\(claim.id)")) == ["a.pdf", "claim.json"], "no temp copy left")

        let final = try work.finish(claim, movingTo: share.sub("archive"), name: "final.pdf")
        #expect(contents(final) == "over the network")
        #expect(list(share.sub("archive")) == ["final.pdf"], "no partial file left")
        #expect(list(local.sub("work")).isEmpty)

        #expect(symlink("/etc/passwd", share.sub("link.pdf")) == 0)
        let moved = try work.refuse(ReadyFile(folder: folder, name: FileName("link.pdf"), kind: .symlink),
                                    into: local.sub("failed"), reason: "symlink")
        #expect(!exists(share.sub("link.pdf")))
        #expect(Posix.readLink(Array(moved.utf8)) == Array("/etc/passwd".utf8))
    }
}
