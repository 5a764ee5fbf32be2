import Testing
@testable import Capture

/// The readiness rules with an explicit clock: no sleeping.
@Suite struct SettleTrackerTests {
    let t0 = ContinuousClock.now
    let window = Duration.milliseconds(200)

    func status(size: Int64, mtime: Int = 100, inode: UInt64 = 7, kind: FileStatus.Kind = .regular) -> FileStatus {
        var st = FileStatus(.init())
        st.kind = kind
        st.size = size
        st.mtimeSeconds = mtime
        st.inode = inode
        return st
    }

    let name = Array("scan.pdf".utf8)

    @Test func growingFileIsNotDueUntilStableForTheWindow() {
        var tracker = SettleTracker(settleWindow: window)
        tracker.observe(name, status: status(size: 10), at: t0)
        #expect(tracker.due(at: t0 + .milliseconds(150)).isEmpty)
        tracker.observe(name, status: status(size: 20, mtime: 101), at: t0 + .milliseconds(150))
        #expect(tracker.due(at: t0 + .milliseconds(300)).isEmpty, "grew at 150 ms: clock restarted")
        tracker.observe(name, status: status(size: 20, mtime: 101), at: t0 + .milliseconds(300))
        #expect(tracker.due(at: t0 + .milliseconds(349)).isEmpty)
        #expect(tracker.due(at: t0 + .milliseconds(350)) == [name])
    }

    @Test func modifyEventRestartsTheClockEvenWithoutVisibleChange() {
        var tracker = SettleTracker(settleWindow: window)
        tracker.observe(name, status: status(size: 10), at: t0)
        tracker.writing(name, at: t0 + .milliseconds(190))
        tracker.closed(name)
        #expect(tracker.due(at: t0 + .milliseconds(250)).isEmpty)
        #expect(tracker.due(at: t0 + .milliseconds(390)) == [name])
    }

    @Test func fileOpenForWritingIsHeldUntilClosedOrTimeout() {
        var tracker = SettleTracker(settleWindow: window, openWriterTimeout: .seconds(60))
        tracker.observe(name, status: status(size: 10), at: t0)
        tracker.writing(name, at: t0)   // IN_CREATE: a copier opened it and stalls
        #expect(tracker.due(at: t0 + .seconds(30)).isEmpty)
        #expect(tracker.due(at: t0 + .seconds(60)) == [name], "a lost close event must not hold it forever")
        tracker.closed(name)
        #expect(tracker.due(at: t0 + .milliseconds(200)) == [name])
    }

    @Test func yieldedOncePerAppearance() {
        var tracker = SettleTracker(settleWindow: window)
        tracker.observe(name, status: status(size: 10), at: t0)
        #expect(tracker.due(at: t0 + window) == [name])
        tracker.markYielded(name)
        tracker.observe(name, status: status(size: 10), at: t0 + .seconds(1))
        #expect(tracker.due(at: t0 + .seconds(5)).isEmpty, "still there: not again")

        // Gone, then a new file of that name.
        tracker.keepOnly([])
        tracker.observe(name, status: status(size: 99, inode: 8), at: t0 + .seconds(6))
        #expect(tracker.due(at: t0 + .seconds(7)) == [name])
    }

    @Test func replacementUnderTheSameNameIsANewAppearance() {
        var tracker = SettleTracker(settleWindow: window)
        tracker.observe(name, status: status(size: 10), at: t0)
        tracker.markYielded(name)
        // Claimed away and a new file dropped between two rescans: only the inode tells.
        tracker.observe(name, status: status(size: 10, inode: 9), at: t0 + .seconds(1))
        #expect(!tracker.isYielded(name))
        #expect(tracker.due(at: t0 + .seconds(1) + window) == [name])
    }

    @Test func releaseMakesItEligibleAgainAfterSettling() {
        var tracker = SettleTracker(settleWindow: window)
        tracker.observe(name, status: status(size: 10), at: t0)
        tracker.markYielded(name)
        tracker.release(name, at: t0 + .seconds(1))
        #expect(tracker.due(at: t0 + .seconds(1)).isEmpty)
        #expect(tracker.due(at: t0 + .seconds(1) + window) == [name])
    }

    @Test func nextDeadlineIsTheEarliestSettleTime() {
        var tracker = SettleTracker(settleWindow: window)
        #expect(tracker.nextDeadline() == nil)
        tracker.observe(name, status: status(size: 1), at: t0 + .milliseconds(50))
        tracker.observe(Array("b".utf8), status: status(size: 1, inode: 3), at: t0)
        #expect(tracker.nextDeadline() == t0 + window)
    }
}
