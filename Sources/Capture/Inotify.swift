import Glibc

/// A non-blocking inotify instance. Events are read by the watcher's thread
/// after poll(2) says the descriptor is readable.
final class Inotify {
    struct Event {
        var watch: Int32
        var mask: UInt32
        var name: [UInt8]

        func has(_ flag: UInt32) -> Bool { mask & flag != 0 }
    }

    /// Everything that can mean "a file appeared, changed, finished or left",
    /// plus the folder itself going away.
    static let folderMask: UInt32 = UInt32(IN_CREATE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE
        | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF) | 0x0100_0000 /* IN_ONLYDIR */

    let fd: Int32

    init() throws {
        fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        if fd < 0 { throw PosixError(operation: "inotify_init1", path: [], code: errno) }
    }

    deinit { close(fd) }

    func addWatch(_ path: [UInt8]) throws -> Int32 {
        let wd = withCPath(path) { inotify_add_watch(fd, $0, Self.folderMask) }
        if wd < 0 { throw PosixError(operation: "inotify_add_watch", path: path, code: errno) }
        return wd
    }

    func removeWatch(_ wd: Int32) { _ = inotify_rm_watch(fd, wd) }

    /// Drains the queue without blocking.
    func readEvents() -> [Event] {
        var events: [Event] = []
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                return events   // EAGAIN: drained
            }
            if n == 0 { return events }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size   // 16: wd, mask, cookie, len
            while offset + header <= n {
                let p = buffer + offset
                let wd = p.loadUnaligned(as: Int32.self)
                let mask = p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
                let len = Int(p.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
                var name: [UInt8] = []
                if len > 0 {
                    let bytes = UnsafeRawBufferPointer(start: p + header, count: len)
                    name = Array(bytes.prefix { $0 != 0 })   // NUL-padded
                }
                events.append(Event(watch: wd, mask: mask, name: name))
                offset += header + len
            }
        }
    }
}
