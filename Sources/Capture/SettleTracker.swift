/// Decides when a file in one watch folder has finished arriving. Pure state,
/// fed by inotify events and scans with an explicit `now`, so tests can drive
/// it without sleeping.
///
/// A file is due when it is not held open by a writer (as far as inotify
/// told us) and its lstat signature (size, mtime, inode, kind) has been the
/// same for the whole settle window. Each appearance is reported once:
/// `markYielded` holds it back until it disappears or is `release`d.
struct SettleTracker {
    typealias Instant = ContinuousClock.Instant

    struct Entry {
        var status: FileStatus
        var stableSince: Instant
        var writerOpenSince: Instant?
        var yielded = false
    }

    let settleWindow: Duration
    let openWriterTimeout: Duration
    private(set) var entries: [[UInt8]: Entry] = [:]

    init(settleWindow: Duration, openWriterTimeout: Duration = .seconds(300)) {
        self.settleWindow = settleWindow
        self.openWriterTimeout = openWriterTimeout
    }

    /// A fresh lstat of `name` (nil: it is gone).
    mutating func observe(_ name: [UInt8], status: FileStatus?, at now: Instant) {
        guard let status, status.kind != .directory else { entries[name] = nil; return }
        guard var entry = entries[name] else {
            entries[name] = Entry(status: status, stableSince: now)
            return
        }
        if !entry.status.isSameFile(as: status) || entry.status.kind != status.kind {
            // Replaced under the same name: a new appearance.
            entries[name] = Entry(status: status, stableSince: now)
            return
        }
        if entry.status != status {
            entry.status = status
            entry.stableSince = now
        }
        entries[name] = entry
    }

    /// IN_CREATE / IN_MODIFY: someone has it open for writing; restart the clock.
    mutating func writing(_ name: [UInt8], at now: Instant) {
        guard var entry = entries[name] else { return }
        entry.stableSince = now
        if entry.status.kind == .regular { entry.writerOpenSince = now }
        entries[name] = entry
    }

    /// IN_CLOSE_WRITE / IN_MOVED_TO: the writer is done (the clock still runs).
    mutating func closed(_ name: [UInt8]) {
        entries[name]?.writerOpenSince = nil
    }

    /// After an event overflow close events may have been lost.
    mutating func forgetWriters() {
        for key in entries.keys { entries[key]?.writerOpenSince = nil }
    }

    mutating func removed(_ name: [UInt8]) { entries[name] = nil }

    /// After a full listing: whatever was not listed is gone.
    mutating func keepOnly(_ names: Set<[UInt8]>) {
        for key in entries.keys where !names.contains(key) { entries[key] = nil }
    }

    mutating func removeAll() { entries.removeAll() }

    /// Names whose signature has been stable for the window, not yet yielded.
    /// The caller must lstat them once more and `observe` before yielding.
    func due(at now: Instant) -> [[UInt8]] {
        entries.compactMap { name, e in
            guard !e.yielded, now - e.stableSince >= settleWindow else { return nil }
            if let since = e.writerOpenSince, now - since < openWriterTimeout { return nil }
            return name
        }
    }

    /// When the next entry could become due (to size the poll timeout).
    func nextDeadline() -> Instant? {
        entries.values.filter { !$0.yielded }.map { e in
            let settled = e.stableSince + settleWindow
            if let since = e.writerOpenSince { return max(settled, since + openWriterTimeout) }
            return settled
        }.min()
    }

    mutating func markYielded(_ name: [UInt8]) { entries[name]?.yielded = true }

    /// The consumer gave it back (e.g. claiming failed transiently): it may be
    /// yielded again once it has settled anew.
    mutating func release(_ name: [UInt8], at now: Instant) {
        guard var entry = entries[name] else { return }
        entry.yielded = false
        entry.stableSince = now
        entries[name] = entry
    }

    func isYielded(_ name: [UInt8]) -> Bool { entries[name]?.yielded ?? false }
}
