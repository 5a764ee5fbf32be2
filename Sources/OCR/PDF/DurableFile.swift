import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that after a crash either the old or the complete new content is on
/// disk: write "<name>.tmp", fsync it, rename over the target, fsync the directory (which
/// makes the rename itself durable).
enum DurableFile {
    static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let temporary = path + ".tmp"
        func failure(_ what: String) -> PDFWriterError {
            .fileWriteFailed(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
        }

        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var isOpen = true
        do {
            try data.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw failure("cannot write \(temporary)")
                    }
                    done += n
                }
            }
            guard fsync(fd) == 0 else { throw failure("cannot flush \(temporary) to disk") }
            isOpen = false
            guard close(fd) == 0 else { throw failure("cannot close \(temporary)") }
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) into place")
            unlink(temporary)
            throw error
        }
        let directory = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw failure("cannot open the folder to flush the rename") }
        defer { close(directory) }
        guard fsync(directory) == 0 else { throw failure("cannot flush the folder after the rename") }
    }

    /// POSIX write(2); named apart from `write(_:to:)` above.
    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
        #else
        return Darwin.write(fd, buffer, count)
        #endif
    }
}
