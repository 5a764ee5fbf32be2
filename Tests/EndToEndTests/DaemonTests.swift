import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `intake serve` end to end: a real daemon on a temporary data directory and inbox.
@Suite(.serialized) struct DaemonTests {
    /// Drops a file the way a copier does: written under a temporary name, then renamed.
    static func drop(_ fixture: String, into ws: Harness.Workspace, as name: String) throws {
        let partial = ws.inbox.appendingPathComponent(name + ".part")
        try Data(contentsOf: Harness.fixture(fixture)).write(to: partial)
        try FileManager.default.moveItem(at: partial, to: ws.inbox.appendingPathComponent(name))
    }

    /// Creates a file whose name is raw bytes (invalid UTF-8, control characters).
    static func createFile(in directory: URL, nameBytes: [UInt8], contents: Data) {
        let path = Array(directory.path.utf8) + [UInt8(ascii: "/")] + nameBytes + [0]
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        contents.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test func registersDroppedFilesSetsAsideBadOnesAndStopsCleanly() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let daemon = try DaemonProcess(workspace: ws)
        try #require(await daemon.waitUntilWatching(), "daemon did not start:\n\(daemon.log)")

        try Self.drop("quyet-dinh.png", into: ws, as: "quyet-dinh.png")
        // Ignored names stay where they are.
        try Data("x".utf8).write(to: ws.inbox.appendingPathComponent(".hidden.png"))
        try Data("x".utf8).write(to: ws.inbox.appendingPathComponent("scan.tmp"))
        try Data("x".utf8).write(to: ws.inbox.appendingPathComponent("Thumbs.db"))
        // Bad ones go to failed/ with a reason.
        try Data().write(to: ws.inbox.appendingPathComponent("empty.jpg"))
        try FileManager.default.createSymbolicLink(atPath: ws.inbox.appendingPathComponent("link.png").path,
                                                   withDestinationPath: "/etc/passwd")
        let jpg = try Data(contentsOf: Harness.fixture("cong-van.jpg"))
        Self.createFile(in: ws.inbox, nameBytes: Array("bad\nname.jpg".utf8), contents: jpg)
        Self.createFile(in: ws.inbox, nameBytes: [0x63, 0xFF, 0xFE, 0x2E, 0x6A, 0x70, 0x67], contents: jpg)   // "c\xFF\xFE.jpg"
        Self.createFile(in: ws.inbox, nameBytes: Array("a..b.jpg".utf8), contents: jpg)

        let settled = try await Harness.waitUntil(timeout: 120) {
            try await ws.documents().count == 1 && ws.files(in: ws.failed).filter { $0.hasSuffix(".reason.txt") }.count == 5
        }
        #expect(settled, "log:\n\(daemon.log)")
        #expect(ws.files(in: ws.inbox) == [".hidden.png", "Thumbs.db", "scan.tmp"])
        #expect(try await ws.documents().first?["arrival_number"] as? Int == 1)
        #expect(ws.allFiles(below: ws.archive).count == 1)
        // The symlink itself was moved, never its target.
        #expect(FileManager.default.fileExists(atPath: "/etc/passwd"))
        let failed = ws.files(in: ws.failed)
        #expect(failed.contains { $0.hasPrefix("link") && !$0.hasSuffix(".reason.txt") })
        for reason in failed.filter({ $0.hasSuffix(".reason.txt") }) {
            let text = try String(contentsOf: ws.failed.appendingPathComponent(reason), encoding: .utf8)
            #expect(!text.isEmpty)
        }

        // The same content again, under another name: a duplicate, not a second registration.
        try Self.drop("quyet-dinh.png", into: ws, as: "ban-sao.png")
        let duplicateSeen = await Harness.waitUntil(timeout: 60) {
            ws.files(in: ws.duplicates).contains { $0.hasSuffix(".reason.txt") }
        }
        #expect(duplicateSeen, "log:\n\(daemon.log)")
        #expect(try await ws.documents().count == 1)

        // Still alive after all that: a second good document is registered as number 2.
        try Self.drop("cong-van.jpg", into: ws, as: "cong-van.jpg")
        #expect(try await Harness.waitUntil(timeout: 90) { try await ws.documents().count == 2 }, "log:\n\(daemon.log)")
        #expect(try await ws.documents().compactMap { $0["arrival_number"] as? Int }.sorted() == [1, 2])

        #expect(await daemon.stop() == 0, "log:\n\(daemon.log)")
    }

    @Test func aKillWhileADocumentIsInTheWorkFolderResumesExactlyOnce() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        var daemon = try DaemonProcess(workspace: ws)
        try #require(await daemon.waitUntilWatching(), "daemon did not start:\n\(daemon.log)")

        try Self.drop("two-pages.tif", into: ws, as: "two-pages.tif")
        // Kill as soon as the file has been claimed: OCR of two pages takes seconds.
        let claimed = await Harness.waitUntil(timeout: 30) { !ws.files(in: ws.work).isEmpty && ws.files(in: ws.inbox).isEmpty }
        try #require(claimed, "never claimed:\n\(daemon.log)")
        await daemon.killHard()
        #expect(try await ws.documents().isEmpty, "killed before registration")

        daemon = try DaemonProcess(workspace: ws)
        let done = try await Harness.waitUntil(timeout: 120) {
            try await ws.documents().count == 1 && ws.files(in: ws.work).isEmpty
        }
        #expect(done, "log:\n\(daemon.log)")
        let documents = try await ws.documents()
        #expect(documents.count == 1)
        #expect(documents.first?["arrival_number"] as? Int == 1)
        #expect(documents.first?["pages"] as? Int == 2)
        #expect(ws.allFiles(below: ws.archive).count == 1)
        #expect(await daemon.stop() == 0)
    }

    @Test func aCrashAfterTheCommitArchivesOnRestartWithoutRegisteringAgain() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let crashing = try DaemonProcess(workspace: ws, environment: ["INTAKE_CRASH_POINT": "after_register"])
        try #require(await crashing.waitUntilWatching(), "daemon did not start:\n\(crashing.log)")
        try Self.drop("cong-van.jpg", into: ws, as: "cong-van.jpg")
        #expect(await crashing.wait(timeout: 120) == 70, "log:\n\(crashing.log)")
        #expect(try await ws.documents().count == 1)
        #expect(!ws.files(in: ws.work).isEmpty, "the original is still in the work folder")

        let daemon = try DaemonProcess(workspace: ws)
        let done = try await Harness.waitUntil(timeout: 60) {
            ws.files(in: ws.work).isEmpty && ws.allFiles(below: ws.archive).count == 1
        }
        #expect(done, "log:\n\(daemon.log)")
        let documents = try await ws.documents()
        #expect(documents.count == 1)
        #expect(documents.first?["arrival_number"] as? Int == 1)
        let show = try await ws.run(["show", "1", "--json"])
        let detail = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        let kinds = (detail["events"] as! [[String: Any]]).compactMap { $0["kind"] as? String }
        #expect(kinds.filter { $0 == "registered" }.count == 1)
        #expect(await daemon.stop() == 0)
    }
}
