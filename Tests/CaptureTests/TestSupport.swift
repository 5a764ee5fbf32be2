import Foundation
import Glibc
@testable import Capture

/// A real directory under /tmp, removed (rm -rf) when the value goes away.
final class TempDir {
    let path: String

    init(_ label: String = "capture", in base: String = "/tmp") {
        var template = Array("\(base)/\(label)-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(p != nil, "mkdtemp failed")
        path = String(cString: p!)
    }

    deinit { _ = try? run("/bin/rm", ["-rf", path]) }

    func sub(_ name: String) -> String { path + "/" + name }

    func makeDir(_ name: String) -> String {
        let p = sub(name)
        try! Posix.makeDirectories(Array(p.utf8))
        return p
    }
}

/// Writes a file whose name is arbitrary bytes.
@discardableResult
func writeFile(dir: String, name: [UInt8], contents: [UInt8]) throws -> [UInt8] {
    let path = Paths.join(Array(dir.utf8), name)
    let fd = try Posix.openFile(path, flags: O_WRONLY | O_CREAT | O_TRUNC, operation: "create")
    defer { close(fd) }
    try Posix.writeAll(fd, contents, path: path)
    return path
}

@discardableResult
func writeFile(dir: String, name: String, contents: String) throws -> [UInt8] {
    try writeFile(dir: dir, name: Array(name.utf8), contents: Array(contents.utf8))
}

func exists(_ path: [UInt8]) -> Bool { ((try? Posix.lstatPath(path)) ?? nil) != nil }
func exists(_ path: String) -> Bool { exists(Array(path.utf8)) }

func contents(_ path: String) -> String? {
    (try? Posix.readWholeFile(Array(path.utf8))).map { String(decoding: $0, as: UTF8.self) }
}

func list(_ dir: String) -> [String] {
    ((try? Posix.listDirectory(Array(dir.utf8))) ?? []).map { FileName(bytes: $0).display }.sorted()
}

/// Runs a command and returns its standard output.
@discardableResult
func run(_ tool: String, _ args: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = args
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// `sha256sum`'s opinion, as an independent check of our hashing.
func sha256sum(_ path: String) throws -> String {
    String(try run("/usr/bin/sha256sum", [path]).prefix(64))
}

/// Polls `condition` until it holds or the deadline passes.
func eventually(within limit: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
