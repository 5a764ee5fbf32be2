import Glibc

/// A failed system call, kept with its errno so callers can tell ENOENT
/// (the file vanished) from EACCES (unreadable) from real I/O trouble.
struct PosixError: Error, CustomStringConvertible {
    var operation: String
    var path: [UInt8]
    var code: Int32

    var description: String { "\(operation) \(Paths.display(path)): \(errnoText(code))" }
}

func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code)) + " (errno \(code))"
}

/// Paths are byte arrays end to end; these helpers make the C strings.
enum Paths {
    static func join(_ dir: [UInt8], _ name: [UInt8]) -> [UInt8] {
        var out = dir
        if out.last != UInt8(ascii: "/") { out.append(UInt8(ascii: "/")) }
        return out + name
    }
    static func join(_ dir: String, _ name: String) -> [UInt8] { join(Array(dir.utf8), Array(name.utf8)) }

    static func lastComponent(_ path: [UInt8]) -> [UInt8] {
        var p = path
        while p.count > 1, p.last == UInt8(ascii: "/") { p.removeLast() }
        guard let slash = p.lastIndex(of: UInt8(ascii: "/")) else { return p }
        return Array(p[(slash + 1)...])
    }

    static func parent(_ path: [UInt8]) -> [UInt8] {
        var p = path
        while p.count > 1, p.last == UInt8(ascii: "/") { p.removeLast() }
        guard let slash = p.lastIndex(of: UInt8(ascii: "/")) else { return Array(".".utf8) }
        return slash == 0 ? [UInt8(ascii: "/")] : Array(p[..<slash])
    }

    static func display(_ path: [UInt8]) -> String { FileName(bytes: path).display }

    /// For paths built only from `String`s and safe names (always valid UTF-8):
    /// the exact path, usable by Foundation, not an escaped display form.
    static func ownString(_ path: [UInt8]) -> String { String(decoding: path, as: UTF8.self) }

    /// The path as a `String` when it round-trips exactly (so Foundation may use it).
    static func string(_ path: [UInt8]) -> String? { String(validating: path, as: UTF8.self) }
}

@inline(__always)
func withCPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    var z = path
    z.append(0)
    return try z.withUnsafeBufferPointer { buf in
        try buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { try body($0) }
    }
}

/// What `lstat` says about an entry, reduced to what readiness and claiming need.
struct FileStatus: Equatable, Sendable {
    enum Kind: Sendable, Equatable { case regular, symlink, directory, other }
    var kind: Kind
    var size: Int64
    var mtimeSeconds: Int
    var mtimeNanoseconds: Int
    var device: UInt64
    var inode: UInt64

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFLNK: kind = .symlink
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        size = Int64(st.st_size)
        mtimeSeconds = Int(st.st_mtim.tv_sec)
        mtimeNanoseconds = Int(st.st_mtim.tv_nsec)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// Same file (not just same name)?
    func isSameFile(as other: FileStatus) -> Bool { device == other.device && inode == other.inode }
}

enum Posix {
    /// nil when the entry does not exist.
    static func lstatPath(_ path: [UInt8]) throws -> FileStatus? {
        var st = stat()
        let rc = withCPath(path) { lstat($0, &st) }
        if rc == 0 { return FileStatus(st) }
        let e = errno
        if e == ENOENT || e == ENOTDIR { return nil }
        throw PosixError(operation: "lstat", path: path, code: e)
    }

    /// Entry names (without "." and ".."), raw bytes, via readdir so nothing is mangled.
    static func listDirectory(_ path: [UInt8]) throws -> [[UInt8]] {
        guard let dir = withCPath(path, { opendir($0) }) else {
            throw PosixError(operation: "opendir", path: path, code: errno)
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let ent = readdir(dir) else {
                if errno != 0 { throw PosixError(operation: "readdir", path: path, code: errno) }
                break
            }
            let name: [UInt8] = withUnsafePointer(to: &ent.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: UInt8.self, capacity: 256) { p in
                    Array(UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names
    }

    /// Makes a rename or creation inside `dir` durable.
    static func fsyncDirectory(_ dir: [UInt8]) throws {
        let fd = withCPath(dir) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw PosixError(operation: "open directory", path: dir, code: errno) }
        defer { close(fd) }
        // EINVAL: some network file systems cannot fsync a directory; nothing more we can do there.
        if fsync(fd) != 0, errno != EINVAL {
            throw PosixError(operation: "fsync directory", path: dir, code: errno)
        }
    }

    static func rename(_ from: [UInt8], _ to: [UInt8]) throws {
        let rc = withCPath(from) { f in withCPath(to) { t in Glibc.rename(f, t) } }
        if rc != 0 { throw PosixError(operation: "rename", path: from, code: errno) }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// renameat2 is not in Swift's Glibc module map; glibc ≥ 2.28 exports it.
    private static let renameat2Function: RenameAt2? = {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(sym, to: RenameAt2.self)
    }()

    /// Rename that fails with EEXIST instead of replacing: a document in the
    /// archive must never be overwritten. Falls back to check-then-rename on
    /// file systems without RENAME_NOREPLACE (some network shares).
    static func renameNoReplace(_ from: [UInt8], _ to: [UInt8]) throws {
        if let renameat2 = renameat2Function {
            let rc = withCPath(from) { f in withCPath(to) { t in renameat2(AT_FDCWD, f, AT_FDCWD, t, 1 /* RENAME_NOREPLACE */) } }
            if rc == 0 { return }
            let e = errno
            if e != EINVAL && e != ENOSYS && e != ENOTSUP {
                throw PosixError(operation: "rename", path: from, code: e)
            }
        }
        if try lstatPath(to) != nil { throw PosixError(operation: "rename", path: to, code: EEXIST) }
        try rename(from, to)
    }

    static func unlinkPath(_ path: [UInt8]) throws {
        if withCPath(path, { unlink($0) }) != 0 {
            throw PosixError(operation: "unlink", path: path, code: errno)
        }
    }

    static func makeDirectory(_ path: [UInt8], mode: mode_t = 0o750) throws {
        if withCPath(path, { mkdir($0, mode) }) != 0 {
            throw PosixError(operation: "mkdir", path: path, code: errno)
        }
    }

    /// mkdir -p
    static func makeDirectories(_ path: [UInt8]) throws {
        if let st = try lstatPath(path) {
            if st.kind == .directory { return }
            if st.kind == .symlink, (try? isDirectoryFollowingLinks(path)) == true { return }
            throw PosixError(operation: "mkdir", path: path, code: ENOTDIR)
        }
        let parent = Paths.parent(path)
        if parent != path, parent != Array(".".utf8) { try makeDirectories(parent) }
        do { try makeDirectory(path) } catch let e as PosixError where e.code == EEXIST {}
    }

    static func isDirectoryFollowingLinks(_ path: [UInt8]) throws -> Bool {
        var st = stat()
        if withCPath(path, { stat($0, &st) }) != 0 { throw PosixError(operation: "stat", path: path, code: errno) }
        return st.st_mode & S_IFMT == S_IFDIR
    }

    static func readLink(_ path: [UInt8]) -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = withCPath(path) { p in buf.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(p, $0, b.count) }
        } }
        return n < 0 ? nil : Array(buf[0..<n])
    }

    static func openFile(_ path: [UInt8], flags: Int32, mode: mode_t = 0o640, operation: String) throws -> Int32 {
        let fd = withCPath(path) { open($0, flags | O_CLOEXEC, mode) }
        if fd < 0 { throw PosixError(operation: operation, path: path, code: errno) }
        return fd
    }

    static func writeAll(_ fd: Int32, _ data: [UInt8], path: [UInt8]) throws {
        var offset = 0
        while offset < data.count {
            let n = data[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PosixError(operation: "write", path: path, code: errno)
            }
            offset += n
        }
    }

    static func fsyncFile(_ fd: Int32, path: [UInt8]) throws {
        if fsync(fd) != 0 { throw PosixError(operation: "fsync", path: path, code: errno) }
    }

    /// Creates `path` (must not exist), writes, fsyncs. Doubles as a name reservation.
    static func createExclusive(_ path: [UInt8], contents: [UInt8]) throws {
        let fd = try openFile(path, flags: O_WRONLY | O_CREAT | O_EXCL, operation: "create")
        defer { close(fd) }
        try writeAll(fd, contents, path: path)
        try fsyncFile(fd, path: path)
    }

    /// Write to a temp name, fsync, rename over `path`, fsync the directory:
    /// a reader (or a restart after kill -9) sees either the old or the new file.
    static func writeAtomically(_ contents: [UInt8], to path: [UInt8]) throws {
        let dir = Paths.parent(path)
        let temp = Paths.join(dir, Array(".".utf8) + Paths.lastComponent(path) + Array(".tmp".utf8))
        let fd = try openFile(temp, flags: O_WRONLY | O_CREAT | O_TRUNC, operation: "create")
        do {
            defer { close(fd) }
            try writeAll(fd, contents, path: temp)
            try fsyncFile(fd, path: temp)
        }
        try rename(temp, path)
        try fsyncDirectory(dir)
    }

    static func readWholeFile(_ path: [UInt8]) throws -> [UInt8] {
        let fd = try openFile(path, flags: O_RDONLY, operation: "open")
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw PosixError(operation: "read", path: path, code: errno) }
            if n == 0 { return out }
            out.append(contentsOf: buf[0..<n])
        }
    }

    /// Copies a regular file to a new `to` (must not exist), keeping its mtime,
    /// and fsyncs it. Used across file systems (EXDEV) and for `ingest` copies.
    static func copyFile(from: [UInt8], to: [UInt8]) throws {
        let src = try openFile(from, flags: O_RDONLY | O_NOFOLLOW, operation: "open")
        defer { close(src) }
        var st = stat()
        if fstat(src, &st) != 0 { throw PosixError(operation: "fstat", path: from, code: errno) }
        let dst = try openFile(to, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o640, operation: "create")
        defer { close(dst) }
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buf.withUnsafeMutableBytes { read(src, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw PosixError(operation: "read", path: from, code: errno) }
            if n == 0 { break }
            try writeAll(dst, Array(buf[0..<n]), path: to)
        }
        var times = [st.st_atim, st.st_mtim]
        _ = futimens(dst, &times)
        try fsyncFile(dst, path: to)
    }

    /// Removes a claim directory: its files, then itself (no deeper recursion needed).
    static func removeFlatDirectory(_ path: [UInt8]) throws {
        for name in try listDirectory(path) {
            let child = Paths.join(path, name)
            if withCPath(child, { unlink($0) }) != 0 {
                let e = errno
                if e == EISDIR || e == EPERM, (try? lstatPath(child))??.kind == .directory {
                    try removeFlatDirectory(child)
                } else if e != ENOENT {
                    throw PosixError(operation: "unlink", path: child, code: e)
                }
            }
        }
        if withCPath(path, { rmdir($0) }) != 0, errno != ENOENT {
            throw PosixError(operation: "rmdir", path: path, code: errno)
        }
    }
}
