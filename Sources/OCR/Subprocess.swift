import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command-line tool (poppler-utils) to completion with a time limit, collecting
/// its output. Failures are reported as `DecodeError.toolFailed` with the tool's own
/// stderr, which is what an operator needs to see.
struct Subprocess {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: Data
        var stderrText: String { String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    let tool: String
    let timeout: TimeInterval

    /// Runs `tool arguments…`. A non-zero exit is returned, not thrown: callers decide what it
    /// means (pdfinfo exits 1 for a wrong password, which is `.encrypted`, not a tool failure).
    func run(_ arguments: [String]) throws -> Result {
        guard let executable = Self.locate(tool) else {
            throw DecodeError.toolFailed(tool: tool, detail: "not installed (the poppler-utils package provides it)")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw DecodeError.toolFailed(tool: tool, detail: "cannot start: \(error.localizedDescription)")
        }
        // Both pipes are drained while the tool runs: a full pipe would block it forever.
        let stdout = Collected(), stderr = Collected()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { stdout.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { stderr.data = err.fileHandleForReading.readDataToEndOfFile() }

        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        readers.wait()
        if timedOut {
            throw DecodeError.toolFailed(tool: tool, detail: "did not finish within \(Int(timeout)) seconds")
        }
        return Result(status: process.terminationStatus, stdout: stdout.data, stderr: stderr.data)
    }

    /// Like `run`, but a non-zero exit is an error carrying the tool's stderr.
    func runChecked(_ arguments: [String]) throws -> Result {
        let result = try run(arguments)
        guard result.status == 0 else {
            let message = result.stderrText.isEmpty ? "exit status \(result.status)" : result.stderrText
            throw DecodeError.toolFailed(tool: tool, detail: message)
        }
        return result
    }

    /// Finds the tool on PATH, then in /usr/bin (the daemon may run with an empty PATH).
    static func locate(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for directory in directories {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Filled by one reader thread, read after `DispatchGroup.wait`, which orders the two.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}
