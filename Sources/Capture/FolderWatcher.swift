import Foundation
import Glibc
import Logging

/// Watches folders and yields files once they have finished arriving.
///
/// A dedicated thread polls an inotify descriptor (for prompt local events)
/// and also rescans every folder periodically, because network shares
/// deliver no events. A missing or vanished folder is logged and retried.
public final class FolderWatcher: Sendable {
    private let folders: [WatchFolder]
    private let options: WatchOptions
    private let logger: Logger
    private let shared = Locked(Shared())
    private let wake: WakePipe

    struct Shared {
        var continuation: AsyncStream<ReadyFile>.Continuation?
        var started = false
        var stopped = false
        var releases: [ReadyFile] = []
    }

    public init(folders: [WatchFolder], options: WatchOptions = WatchOptions(), logger: Logger) {
        self.folders = folders
        self.options = options
        self.logger = logger
        self.wake = WakePipe()
    }

    /// Without this the thread would outlive its owner.
    deinit { stop() }

    /// The stream of ready files. Starts watching; call once.
    public func readyFiles() -> AsyncStream<ReadyFile> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReadyFile.self, bufferingPolicy: .unbounded)
        let start: Bool = shared.withLock { s in
            guard !s.started, !s.stopped else { return false }
            s.started = true
            s.continuation = continuation
            return true
        }
        guard start else {
            logger.error("FolderWatcher.readyFiles() called more than once (or after stop); returning an empty stream")
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.stop() }
        let loop = WatchLoop(folders: folders, options: options, logger: logger, wake: wake, shared: shared,
                             emit: { continuation.yield($0) })
        let thread = Thread {
            loop.run()
            continuation.finish()
        }
        thread.name = "intake.FolderWatcher"
        thread.start()
        return stream
    }

    /// Makes a yielded file eligible again while it is still in its folder,
    /// e.g. after claiming it failed for a reason that may pass.
    public func release(_ file: ReadyFile) {
        shared.withLock { $0.releases.append(file) }
        wake.signal()
    }

    /// Stops the thread and finishes the stream. Idempotent.
    public func stop() {
        shared.withLock { $0.stopped = true }
        wake.signal()
    }
}

/// Wakes the watcher thread out of poll(2) (stop, release).
final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, O_NONBLOCK); _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        } else { fds = [-1, -1] }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func drain() {
        var buf = [UInt8](repeating: 0, count: 64)
        while buf.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Closed only when the last holder (owner or watcher thread) lets go.
    deinit {
        if readEnd >= 0 { Glibc.close(readEnd) }
        if writeEnd >= 0 { Glibc.close(writeEnd) }
    }
}

final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// The watcher thread's state; touched by that thread only.
final class WatchLoop {
    typealias Instant = ContinuousClock.Instant

    struct Folder {
        let folder: WatchFolder
        let path: [UInt8]
        var watch: Int32?
        var available: Bool?      // nil until first checked; for logging transitions only
        var tracker: SettleTracker
    }

    private var folders: [Folder]
    private let options: WatchOptions
    private let logger: Logger
    private let wake: WakePipe
    private let shared: Locked<FolderWatcher.Shared>
    private let emit: (ReadyFile) -> Void
    private var inotify: Inotify?
    private let clock = ContinuousClock()

    init(folders: [WatchFolder], options: WatchOptions, logger: Logger, wake: WakePipe,
         shared: Locked<FolderWatcher.Shared>, emit: @escaping (ReadyFile) -> Void) {
        self.folders = folders.map {
            Folder(folder: $0, path: Array($0.path.utf8), watch: nil, available: nil,
                   tracker: SettleTracker(settleWindow: options.settleWindow, openWriterTimeout: options.openWriterTimeout))
        }
        self.options = options
        self.logger = logger
        self.wake = wake
        self.shared = shared
        self.emit = emit
    }

    func run() {
        if options.useInotify {
            do { inotify = try Inotify() } catch {
                logger.warning("inotify unavailable, relying on periodic rescans", metadata: ["error": "\(error)"])
            }
        }
        var now = clock.now
        for i in folders.indices {
            attach(i, now: now)   // the start-up scan: files already waiting
            if folders[i].available == true { logger.info("watching folder", metadata: meta(i)) }
        }
        var nextRescan = now + options.rescanInterval
        var nextRetry = now + options.missingFolderRetry

        while !isStopped() {
            emitDue(now: clock.now)
            now = clock.now
            var deadline = min(nextRescan, nextRetry)
            for f in folders { if let d = f.tracker.nextDeadline() { deadline = min(deadline, d) } }
            waitForInput(until: deadline)
            if isStopped() { break }

            now = clock.now
            wake.drain()
            applyReleases(now: now)
            if let inotify { handle(inotify.readEvents(), now: now) }
            if now >= nextRescan {
                for i in folders.indices where folders[i].available == true { scan(i, now: now) }
                nextRescan = now + options.rescanInterval
            }
            if now >= nextRetry {
                for i in folders.indices where folders[i].available != true || (inotify != nil && folders[i].watch == nil) {
                    attach(i, now: now)
                }
                nextRetry = now + options.missingFolderRetry
            }
        }
        for f in folders { if let wd = f.watch { inotify?.removeWatch(wd) } }
        inotify = nil
    }

    private func isStopped() -> Bool { shared.withLock { $0.stopped } }

    private func waitForInput(until deadline: Instant) {
        let remaining = deadline - clock.now
        let ms = remaining <= .zero ? 0 : Int32(clamping: remaining.milliseconds + 1)
        var fds = [pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
        if let inotify { fds.append(pollfd(fd: inotify.fd, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), ms)
    }

    // MARK: folders

    /// (Re)establishes the watch and scans. Called at start and for retries.
    private func attach(_ i: Int, now: Instant) {
        if let inotify, folders[i].watch == nil {
            do {
                folders[i].watch = try inotify.addWatch(folders[i].path)
            } catch let e as PosixError {
                markUnavailable(i, because: e)
                return
            } catch {}
        }
        scan(i, now: now)
    }

    private func scan(_ i: Int, now: Instant) {
        let path = folders[i].path
        let names: [[UInt8]]
        do {
            names = try Posix.listDirectory(path)
        } catch let e as PosixError {
            markUnavailable(i, because: e)
            return
        } catch { return }
        if folders[i].available != true {
            if folders[i].available == false {
                logger.notice("watch folder is available again", metadata: meta(i))
            }
            folders[i].available = true
        }
        var seen = Set<[UInt8]>()
        for name in names where !IgnoreRules.isIgnored(FileName(bytes: name)) {
            guard let status = try? Posix.lstatPath(Paths.join(path, name)), status.kind != .directory else { continue }
            seen.insert(name)
            folders[i].tracker.observe(name, status: status, at: now)
        }
        folders[i].tracker.keepOnly(seen)
    }

    private func markUnavailable(_ i: Int, because error: PosixError) {
        if let wd = folders[i].watch {
            inotify?.removeWatch(wd)
            folders[i].watch = nil
        }
        folders[i].tracker.removeAll()
        if folders[i].available != false {
            logger.warning("watch folder is not accessible; will keep retrying",
                           metadata: meta(i).merging(["error": "\(error)"]) { a, _ in a })
        }
        folders[i].available = false
    }

    private func meta(_ i: Int) -> Logger.Metadata {
        ["folder": "\(folders[i].folder.name)", "path": "\(folders[i].folder.path)"]
    }

    // MARK: events

    private func handle(_ events: [Inotify.Event], now: Instant) {
        var overflow = false
        for event in events {
            if event.has(UInt32(IN_Q_OVERFLOW)) { overflow = true; continue }
            guard let i = folders.firstIndex(where: { $0.watch == event.watch }) else { continue }
            if event.has(UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
                // The folder itself went away (or was renamed: the watch would
                // follow the old directory). Re-attach by path later.
                markUnavailable(i, because: PosixError(operation: "watch", path: folders[i].path, code: ENOENT))
                continue
            }
            if event.has(UInt32(IN_ISDIR)) || event.name.isEmpty { continue }
            let name = event.name
            if IgnoreRules.isIgnored(FileName(bytes: name)) { continue }
            if event.has(UInt32(IN_DELETE | IN_MOVED_FROM)) {
                folders[i].tracker.removed(name)
                continue
            }
            let status = try? Posix.lstatPath(Paths.join(folders[i].path, name))
            folders[i].tracker.observe(name, status: status, at: now)
            if event.has(UInt32(IN_CREATE | IN_MODIFY)) { folders[i].tracker.writing(name, at: now) }
            if event.has(UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)) { folders[i].tracker.closed(name) }
        }
        if overflow {
            logger.warning("inotify queue overflowed; rescanning all folders")
            for i in folders.indices {
                folders[i].tracker.forgetWriters()
                if folders[i].available == true { scan(i, now: now) }
            }
        }
    }

    private func applyReleases(now: Instant) {
        let releases = shared.withLock { s -> [ReadyFile] in defer { s.releases = [] }; return s.releases }
        for file in releases {
            guard let i = folders.firstIndex(where: { $0.folder == file.folder }) else { continue }
            folders[i].tracker.release(file.name.bytes, at: now)
        }
    }

    // MARK: output

    /// Yields what has settled, after one last lstat to be sure nothing moved.
    private func emitDue(now: Instant) {
        for i in folders.indices {
            for name in folders[i].tracker.due(at: now) {
                guard let before = folders[i].tracker.entries[name]?.status else { continue }
                let status = try? Posix.lstatPath(Paths.join(folders[i].path, name))
                folders[i].tracker.observe(name, status: status, at: now)
                guard let status, status == before else { continue }
                let kind: ReadyFile.Kind = switch status.kind {
                case .regular: .regular
                case .symlink: .symlink
                case .directory, .other: .special
                }
                folders[i].tracker.markYielded(name)
                logger.debug("file ready", metadata: meta(i).merging(["file": "\(FileName(bytes: name).display)"]) { a, _ in a })
                emit(ReadyFile(folder: folders[i].folder, name: FileName(bytes: name), kind: kind, size: status.size))
            }
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
