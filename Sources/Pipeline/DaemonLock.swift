import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One daemon per data directory: two daemons would both "recover" each other's
/// documents in hand. Held (flock) for the life of the process; the kernel releases it
/// when the process dies, however it dies.
final class DaemonLock {
    private let fd: Int32

    init(dataDirectory: String) throws {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("daemon.lock").path
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DaemonLockError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw DaemonLockError.alreadyRunning(path: path)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { close(fd) }
}

enum DaemonLockError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case alreadyRunning(path: String)

    var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open the daemon lock \(path): \(reason)"
        case let .alreadyRunning(path): "another `intake serve` is already running on this data directory (lock \(path))"
        }
    }
}
