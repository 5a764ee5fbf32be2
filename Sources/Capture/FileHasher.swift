import Crypto
import Glibc

/// SHA-256 of a file, streamed in 1 MiB chunks so large scans never sit in memory.
enum FileHasher {
    static func sha256(of path: [UInt8]) throws -> (hex: String, size: Int64) {
        let fd = try Posix.openFile(path, flags: O_RDONLY | O_NOFOLLOW, operation: "open")
        defer { close(fd) }
        var hasher = SHA256()
        var size: Int64 = 0
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PosixError(operation: "read", path: path, code: errno)
            }
            if n == 0 { break }
            buf.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            size += Int64(n)
        }
        let hex = hasher.finalize().map { b in
            let s = String(b, radix: 16)
            return b < 16 ? "0" + s : s
        }.joined()
        return (hex, size)
    }
}
