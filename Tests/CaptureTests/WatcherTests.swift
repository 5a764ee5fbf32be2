import Foundation
import Glibc
import Logging
import Testing
@testable import Capture

/// Real folders, real inotify, real threads. Short settle windows; every wait
/// polls with a deadline.
@Suite struct WatcherTests {
    let tmp = TempDir("watch")
    var inbox: String { tmp.sub("inbox") }
    var folder: WatchFolder { WatchFolder(name: "van-thu", path: inbox, profile: "cong-van") }
    let logger = Logger(label: "capture-tests")

    init() { _ = tmp.makeDir("inbox") }

    func options(settle: Duration = .milliseconds(200), rescan: Duration = .seconds(3600),
                 inotify: Bool = true) -> WatchOptions {
        var o = WatchOptions(settleWindow: settle, rescanInterval: rescan)
        o.useInotify = inotify
        o.missingFolderRetry = .milliseconds(100)
        return o
    }

    /// Collects what the watcher yields, with the time it arrived.
    final class Collector: @unchecked Sendable {
        private let items = Locked<[(file: ReadyFile, at: ContinuousClock.Instant)]>([])
        private var task: Task<Void, Never>?

        init(_ watcher: FolderWatcher) {
            let stream = watcher.readyFiles()
            task = Task { [items] in
                for await file in stream { items.withLock { $0.append((file, .now)) } }
            }
        }

        var all: [(file: ReadyFile, at: ContinuousClock.Instant)] { items.withLock { $0 } }
        var names: [String] { all.map { $0.file.name.display } }
        func count(_ name: String) -> Int { names.filter { $0 == name }.count }
        func has(_ name: String) -> Bool { count(name) > 0 }
    }

    @Test func fileWaitingBeforeStartIsFoundByTheInitialScan() async throws {
        try writeFile(dir: inbox, name: "early.pdf", contents: "x")
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        #expect(await eventually { got.has("early.pdf") })
        let file = got.all[0].file
        #expect(file.folder == folder)
        #expect(file.kind == .regular)
        #expect(file.pathBytes == Array((inbox + "/early.pdf").utf8))
    }

    @Test func inotifyDeliversAFileDroppedAfterStart() async throws {
        // Rescans are an hour apart, so only inotify can find the second file.
        try writeFile(dir: inbox, name: "first.pdf", contents: "x")
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        #expect(await eventually { got.has("first.pdf") })   // watch is in place before the scan
        try writeFile(dir: inbox, name: "dropped.pdf", contents: "y")
        #expect(await eventually { got.has("dropped.pdf") })
    }

    @Test func rescanFindsFilesWhenInotifyIsOff() async throws {
        try writeFile(dir: inbox, name: "first.pdf", contents: "x")
        let watcher = FolderWatcher(folders: [folder], options: options(rescan: .milliseconds(100), inotify: false), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        #expect(await eventually { got.has("first.pdf") })
        try writeFile(dir: inbox, name: "share.pdf", contents: "y")
        #expect(await eventually { got.has("share.pdf") })
    }

    @Test func fileBeingWrittenIsYieldedOnlyAfterItStopsChanging() async throws {
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        // Wait until the watch is in place, so inotify sees the copier open the file.
        try writeFile(dir: inbox, name: "sentinel.pdf", contents: "x")
        #expect(await eventually { got.has("sentinel.pdf") })
        // A slow copier: one open descriptor, chunks with pauses (which on a
        // busy machine may exceed the window: the open writer holds it back).
        let path = inbox + "/slow.pdf"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        var lastWrite = ContinuousClock.now
        for _ in 0..<8 {
            lastWrite = .now
            #expect(write(fd, "0123456789", 10) == 10)
            try await Task.sleep(for: .milliseconds(60))
            #expect(!got.has("slow.pdf"), "claimed mid-write")
        }
        close(fd)
        let closedAt = ContinuousClock.now
        #expect(await eventually { got.has("slow.pdf") })
        let arrival = try #require(got.all.first { $0.file.name.display == "slow.pdf" })
        #expect(arrival.file.size == 80)
        #expect(arrival.at >= closedAt, "held while open")
        #expect(arrival.at - lastWrite >= .milliseconds(200), "then settled for the window after the last write")
    }

    @Test func appendsOverANetworkShareKeepResettingTheClock() async throws {
        // No inotify: separate appends (each closed), slower than a rescan but well inside
        // the settle window. The writer runs on its own thread: test tasks share Swift's
        // small cooperative pool with slow tests and can be woken seconds late, which would
        // stretch the pauses between appends beyond the window.
        let watcher = FolderWatcher(folders: [folder],
                                    options: options(settle: .milliseconds(1500), rescan: .milliseconds(50), inotify: false),
                                    logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        let path = inbox + "/share.pdf"
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                for i in 0..<5 {
                    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
                    _ = write(fd, "chunk\(i)", 6)
                    close(fd)
                    usleep(150_000)
                }
                done.resume()
            }.start()
        }
        #expect(await eventually { got.has("share.pdf") })
        // Yielded once, complete: a yield mid-growth would have carried a smaller size.
        #expect(got.count("share.pdf") == 1)
        #expect(got.all.first?.file.size == 30)
    }

    @Test func eachAppearanceIsYieldedOnce() async throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "one")
        let watcher = FolderWatcher(folders: [folder], options: options(rescan: .milliseconds(30)), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        #expect(await eventually { got.has("a.pdf") })
        // b settles 200 ms later; meanwhile several rescans saw a.pdf again.
        try writeFile(dir: inbox, name: "b.pdf", contents: "two")
        #expect(await eventually { got.has("b.pdf") })
        #expect(got.count("a.pdf") == 1, "still there: not yielded again")

        // Gone, and a new file of that name appears: yielded again.
        try Posix.unlinkPath(Array((inbox + "/a.pdf").utf8))
        try writeFile(dir: inbox, name: "a.pdf", contents: "three")
        #expect(await eventually { got.count("a.pdf") == 2 })
    }

    @Test func releaseYieldsTheFileAgain() async throws {
        try writeFile(dir: inbox, name: "a.pdf", contents: "one")
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        #expect(await eventually { got.has("a.pdf") })
        watcher.release(got.all[0].file)
        #expect(await eventually { got.count("a.pdf") == 2 })
    }

    @Test func ignoredEntriesAreNeverYieldedButSymlinksAndOddNamesAre() async throws {
        for name in [".hidden.pdf", "upload.pdf.part", "x.tmp", "~$doc.docx", "Thumbs.db", ".DS_Store"] {
            try writeFile(dir: inbox, name: name, contents: "x")
        }
        _ = tmp.makeDir("inbox/@eaDir")
        _ = tmp.makeDir("inbox/sub")
        try writeFile(dir: inbox + "/sub", name: "nested.pdf", contents: "x")
        #expect(symlink("/etc/passwd", inbox + "/link.pdf") == 0)
        let odd: [UInt8] = [0x62, 0xE1, 0x0A, 0x2E, 0x70, 0x64, 0x66]   // "b\xE1\n.pdf"
        try writeFile(dir: inbox, name: odd, contents: Array("x".utf8))
        try writeFile(dir: inbox, name: "real.pdf", contents: "x")

        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        // All were seen by the same start-up scan, so they settle together.
        #expect(await eventually { got.all.count >= 3 })
        #expect(await eventually { Set(got.names) == ["real.pdf", "link.pdf", "b\\xE1\\n.pdf"] })
        #expect(got.all.first { $0.file.name.display == "link.pdf" }?.file.isSymlink == true)
        #expect(got.all.first { $0.file.name.bytes == odd }?.file.pathBytes == Array(inbox.utf8) + [0x2F] + odd)
        #expect(got.all.count == 3)
    }

    @Test func missingFolderIsRetriedUntilItAppears() async throws {
        let later = WatchFolder(name: "later", path: tmp.sub("not-yet"), profile: "p")
        let watcher = FolderWatcher(folders: [later, folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        try writeFile(dir: inbox, name: "other.pdf", contents: "x")
        #expect(await eventually { got.has("other.pdf") }, "one missing folder does not stop the others")
        _ = tmp.makeDir("not-yet")
        try writeFile(dir: tmp.sub("not-yet"), name: "late.pdf", contents: "x")
        #expect(await eventually { got.has("late.pdf") })
        #expect(got.all.first { $0.file.name.display == "late.pdf" }?.file.folder == later)
    }

    @Test func folderThatVanishesAndReturnsIsWatchedAgain() async throws {
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        try writeFile(dir: inbox, name: "a.pdf", contents: "x")
        #expect(await eventually { got.has("a.pdf") })
        _ = try run("/bin/rm", ["-rf", inbox])
        _ = tmp.makeDir("inbox")
        try writeFile(dir: inbox, name: "b.pdf", contents: "x")
        #expect(await eventually { got.has("b.pdf") })
    }

    @Test func stopFinishesTheStream() async throws {
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        let stream = watcher.readyFiles()
        let finished = Locked(false)
        let task = Task { for await _ in stream {}; finished.withLock { $0 = true } }
        watcher.stop()
        #expect(await eventually { finished.withLock { $0 } })
        task.cancel()
    }

    @Test func claimingAYieldedFileEndToEnd() async throws {
        let watcher = FolderWatcher(folders: [folder], options: options(), logger: logger)
        defer { watcher.stop() }
        let got = Collector(watcher)
        try writeFile(dir: inbox, name: "Quyết định 5.pdf", contents: "scan")
        #expect(await eventually { got.has("Quyết định 5.pdf") })
        let work = try WorkFolder(path: tmp.sub("work"))
        let claim = try work.claim(got.all[0].file)
        #expect(contents(claim.workPath) == "scan")
        #expect(try Posix.listDirectory(Array(inbox.utf8)).isEmpty)
    }
}
